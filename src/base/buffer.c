/* buffer.c - doubling arrays and byte buffers (buffer.h). */
#include "buffer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

int buffer_grow(void *array, size_t *cap, size_t need, size_t size)
{
  void *items, *grown;
  size_t n = *cap ? *cap : 16;
  if (need <= *cap)
    return 0;
  while (n < need) {
    if (n > SIZE_MAX / 2)
      return STATUS_SYSTEM;
    n *= 2;
  }
  if (n > SIZE_MAX / size)
    return STATUS_SYSTEM;
  /* Through memcpy: array is a T **, which C does not let us read as a void **. */
  memcpy(&items, array, sizeof items);
  grown = realloc(items, n * size);
  if (!grown)
    return STATUS_SYSTEM;
  memcpy(array, &grown, sizeof grown);
  *cap = n;
  return 0;
}

int buffer_append(buffer *b, const void *data, size_t n)
{
  if (n == SIZE_MAX || b->len > SIZE_MAX - n - 1)
    return STATUS_SYSTEM;
  if (buffer_grow(&b->p, &b->cap, b->len + n + 1, 1) != 0)
    return STATUS_SYSTEM;
  if (n > 0)
    memcpy(b->p + b->len, data, n);
  b->len += n;
  b->p[b->len] = '\0';
  return 0;
}

int buffer_read(buffer *b, FILE *f, size_t max)
{
  char chunk[65536];
  size_t got;
  while (b->len <= max && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
    if (buffer_append(b, chunk, got) != 0)
      return STATUS_SYSTEM;
  return b->len <= max && ferror(f) ? 1 : 0;
}

void buffer_free(buffer *b)
{
  free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
}
