/* result_store.h - finished requests by index while they wait for their turn in list order, in
 * chunks of RESULT_CHUNK that are allocated when a result first lands in them and freed once
 * the results before their end are taken. What it holds is the results that finished after
 * the first one still running, not the whole list: a load test of ten million requests holds
 * a few chunks, not 4 GB, while no request is far slower than the rest (one that hangs for
 * 30 s at 10,000 requests a second holds the 300,000 behind it). A result never moves once put, so a reader may use results it
 * was told are there while another thread puts others (rank_results.h locks for that). */
#ifndef SRC_RESULT_STORE_H
#define SRC_RESULT_STORE_H

#include <stddef.h>

#include "fetch.h"

#define RESULT_CHUNK 1024

typedef struct result_chunk result_chunk;

typedef struct result_store {
  result_chunk **chunks; /* ceil(n / RESULT_CHUNK), NULL where none is held */
  size_t n;
} result_store;

/* Room for indices [0, n). Returns 0, or -1 when memory ran out. */
int result_store_init(result_store *s, size_t n);

/* Frees every result still held and the chunks. */
void result_store_free(result_store *s);

/* Keeps result i (taking its strings: r's pointers are set to NULL). Returns 0, or -1 when
 * memory for its chunk ran out (r is then left as it was). */
int result_store_put(result_store *s, size_t i, fetch_result *r);

/* Result i is held. */
int result_store_has(const result_store *s, size_t i);

/* Result i, which is held. */
fetch_result *result_store_at(const result_store *s, size_t i);

/* Result i, taken in list order, is freed; its chunk with it when i is the chunk's last. */
void result_store_take(result_store *s, size_t i);

#endif
