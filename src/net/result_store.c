/* result_store.c - the chunks of results and their "held" marks (result_store.h). */
#define _POSIX_C_SOURCE 200809L
#include "result_store.h"

#include <stdlib.h>

struct result_chunk {
  fetch_result r[RESULT_CHUNK];
  unsigned char held[RESULT_CHUNK];
};

int result_store_init(result_store *s, size_t n)
{
  s->n = n;
  s->chunks = calloc(n / RESULT_CHUNK + 1, sizeof *s->chunks);
  return s->chunks ? 0 : -1;
}

void result_store_free(result_store *s)
{
  for (size_t c = 0; s->chunks && c <= s->n / RESULT_CHUNK; c++) {
    result_chunk *k = s->chunks[c];
    for (size_t j = 0; k && j < RESULT_CHUNK; j++)
      if (k->held[j])
        fetch_result_free(&k->r[j]);
    free(k);
  }
  free(s->chunks);
  s->chunks = NULL;
  s->n = 0;
}

int result_store_put(result_store *s, size_t i, fetch_result *r)
{
  result_chunk **k = &s->chunks[i / RESULT_CHUNK];
  if (!*k && !(*k = calloc(1, sizeof **k)))
    return -1;
  (*k)->r[i % RESULT_CHUNK] = *r;
  (*k)->held[i % RESULT_CHUNK] = 1;
  r->final_url = r->body = NULL; /* now held here */
  return 0;
}

int result_store_has(const result_store *s, size_t i)
{
  const result_chunk *k = s->chunks[i / RESULT_CHUNK];
  return k && k->held[i % RESULT_CHUNK];
}

fetch_result *result_store_at(const result_store *s, size_t i)
{
  return &s->chunks[i / RESULT_CHUNK]->r[i % RESULT_CHUNK];
}

void result_store_take(result_store *s, size_t i)
{
  result_chunk **k = &s->chunks[i / RESULT_CHUNK];
  fetch_result_free(&(*k)->r[i % RESULT_CHUNK]);
  (*k)->held[i % RESULT_CHUNK] = 0;
  if (i % RESULT_CHUNK == RESULT_CHUNK - 1 || i + 1 == s->n) {
    free(*k);
    *k = NULL;
  }
}
