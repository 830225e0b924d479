/* latency_hist.c - the bucket arithmetic of the log-linear layout (latency_hist.h): a value
 * of k > SUB_BITS significant bits keeps its top SUB_BITS bits, so its bucket is 2^(k -
 * SUB_BITS) wide, under 1/1024 of the value. */
#define _POSIX_C_SOURCE 200809L
#include "latency_hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUB (1u << LATENCY_HIST_SUB_BITS)  /* 2048: the exact range */
#define HALF (SUB / 2)                      /* 1024: buckets per power of two above it */
#define TOP ((UINT64_C(1) << LATENCY_HIST_MAX_BITS) - 1)

/* The bucket of v, and the shift that gives its width (1 << shift). */
static unsigned bucket_of(uint64_t v, unsigned *shift)
{
  if (v < SUB) {
    *shift = 0;
    return (unsigned)v;
  }
  unsigned bits = 64u - (unsigned)__builtin_clzll(v); /* v's significant bits, > SUB_BITS */
  *shift = bits - LATENCY_HIST_SUB_BITS;
  return SUB + (bits - LATENCY_HIST_SUB_BITS - 1) * HALF + (unsigned)((v >> *shift) - HALF);
}

/* The largest value that falls in bucket b. */
static uint64_t bucket_top(unsigned b)
{
  if (b < SUB)
    return b;
  unsigned octave = (b - SUB) / HALF, shift = octave + 1;
  uint64_t first = (uint64_t)(HALF + (b - SUB) % HALF) << shift;
  return first + ((uint64_t)1 << shift) - 1;
}

int latency_hist_init(latency_hist *h)
{
  memset(h, 0, sizeof *h);
  h->min = UINT64_MAX;
  h->counts = calloc(LATENCY_HIST_BUCKETS, sizeof *h->counts);
  return h->counts ? 0 : -1;
}

void latency_hist_free(latency_hist *h)
{
  free(h->counts);
  h->counts = NULL;
}

void latency_hist_add(latency_hist *h, uint64_t us)
{
  unsigned shift;
  if (us > TOP)
    us = TOP;
  h->counts[bucket_of(us, &shift)]++;
  h->n++;
  h->sum += (double)us;
  h->min = us < h->min ? us : h->min;
  h->max = us > h->max ? us : h->max;
}

void latency_hist_merge(latency_hist *into, const latency_hist *from)
{
  for (unsigned b = 0; b < LATENCY_HIST_BUCKETS; b++)
    into->counts[b] += from->counts[b];
  into->n += from->n;
  into->sum += from->sum;
  into->min = from->min < into->min ? from->min : into->min;
  into->max = from->max > into->max ? from->max : into->max;
}

uint64_t latency_hist_percentile(const latency_hist *h, double p)
{
  if (h->n == 0)
    return 0;
  /* ceil(p / 100 * n) in whole numbers: in doubles 99.9 / 100 * 1000 is 999.0000000000001,
   * whose ceiling would be the maximum, not rank 999. p in thousandths of a percent. */
  uint64_t milli = p <= 0 ? 0 : p >= 100 ? 100000 : (uint64_t)llround(p * 1000);
  uint64_t rank = (milli * h->n + 99999) / 100000;
  rank = rank < 1 ? 1 : rank > h->n ? h->n : rank;
  uint64_t seen = 0;
  for (unsigned b = 0; b < LATENCY_HIST_BUCKETS; b++) {
    seen += h->counts[b];
    if (seen >= rank) {
      uint64_t top = bucket_top(b);
      return top > h->max ? h->max : top < h->min ? h->min : top;
    }
  }
  return h->max;
}
