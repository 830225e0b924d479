/* pow_space.h - the proof-of-work search space: which string the i-th chunk of candidates
 * is. A chunk is a pow_batch; chunks never overlap, so workers that take distinct chunk
 * indices never test the same string. The seed picks the leading digits and the order. */
#ifndef KERNELS_POW_SPACE_H
#define KERNELS_POW_SPACE_H

#include <stdint.h>

#include "pow_scan.h"

typedef struct pow_space {
  char fixed[MD5_ONE_BLOCK_MAX + 1]; /* leading digits drawn from the seed */
  unsigned digits;                   /* candidate length L, 1..55 */
  unsigned counter_digits;           /* trailing digits that count: min(L, 19) */
  /* Of those, the ones scanned within a chunk: 4 + L % 4 (10^6 candidates for 50 digits),
   * where the lane kernels want them. A chunk is about 1 ms of AVX-512 work or 60 ms of
   * scalar work, so a worker checks for "stop" often while the set-up stays negligible. */
  unsigned chunk_digits;
  uint64_t nchunks;                  /* 10^(counter_digits - chunk_digits) */
  uint64_t offset;                   /* seed-chosen rotation of the chunk order */
} pow_space;

/* Sets up the space of `digits`-digit candidates for `seed`; returns 0, or -1 when digits
 * is outside 1..55. */
int pow_space_init(pow_space *s, unsigned digits, uint64_t seed);

/* Builds the batch of chunk i (i < s->nchunks). */
void pow_space_chunk(const pow_space *s, uint64_t i, pow_batch *out);

#endif
