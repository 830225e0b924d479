/* buffer.h - growing memory: an array that doubles as it fills (the one place that does the
 * doubling realloc every list here needs), and a byte buffer built on it. */
#ifndef SRC_BASE_BUFFER_H
#define SRC_BASE_BUFFER_H

#include <stddef.h>
#include <stdio.h>

/* Makes room for need elements of size bytes in the array *array points to (a T **), whose
 * capacity is *cap: doubles from 16 until need fits. Returns 0, or STATUS_SYSTEM with the
 * array and *cap unchanged when memory ran out or the size would overflow. */
int buffer_grow(void *array, size_t *cap, size_t need, size_t size);

/* Bytes appended at the end. Zeroed is empty. */
typedef struct buffer {
  char *p;
  size_t len, cap;
} buffer;

/* Appends data[0..n) and keeps a NUL after the last byte (not counted in len). Returns 0, or
 * STATUS_SYSTEM with b unchanged. */
int buffer_append(buffer *b, const void *data, size_t n);

/* Appends what f holds, to its end or until more than max bytes are in b, whichever comes
 * first: b->len > max says there was more (a device or a pipe is read as far as that, never
 * to its end). Returns 0; STATUS_SYSTEM when memory ran out; 1 on a read error (errno). */
int buffer_read(buffer *b, FILE *f, size_t max);

/* Frees b's bytes; b is empty again. */
void buffer_free(buffer *b);

#endif
