/* sieve_engine.h - the segmented Sieve of Eratosthenes over any range [lo, hi] of 64-bit
 * numbers: yields the range one segment of wheel bytes (wheel30.h) at a time, each segment
 * pre-sieved (sieve_tables.h) and then crossed off by three kinds of sieving primes:
 *   small  (p <= block bytes / 8): many multiples per block; crossed in L1-sized blocks;
 *   medium (p <= segment bytes): crossed over the whole segment;
 *   large: filed in buckets (sieve_buckets.h) by the segment of their next multiple.
 * Sieving primes are added as the segments climb past their squares. Those above 2^16 come
 * from an inner engine that sieves [2^16, sqrt(hi)] (its own sieving primes are the base
 * primes), so the memory held is a segment and the sieving primes, never the range.
 *
 * An engine belongs to one thread. Every bit of a yielded segment stands for a number in
 * [lo, hi]: bits outside are cleared. 2, 3 and 5 have no bits; callers count them. */
#ifndef KERNELS_SIEVE_ENGINE_H
#define KERNELS_SIEVE_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sieve_buckets.h"
#include "sieve_cross.h"
#include "sieve_tables.h"

/* A sieved segment: bit b of bits[i] is the number 30 * (first_byte + i) + residue(b).
 * bits is readable (and zero) up to the next multiple of 8 bytes past nbytes. */
typedef struct sieve_segment {
  const uint8_t *bits;
  size_t nbytes;
  uint64_t first_byte;
} sieve_segment;

struct sieve_engine;

/* Walks the primes an engine yields, in order. */
typedef struct sieve_iter {
  struct sieve_engine *engine;
  sieve_segment seg;
  size_t pos;     /* next byte of seg to load */
  uint64_t word;  /* bits of the loaded 8 bytes not yet returned */
  uint64_t base;  /* the byte number of the loaded word's first byte */
} sieve_iter;

typedef struct sieve_sizes {
  size_t segment_bytes; /* a power of two, 1 KiB .. 64 MiB: between L1d and L2 */
  size_t block_bytes;   /* small primes are crossed block by block: the L1d size */
} sieve_sizes;

typedef struct sieve_engine {
  const sieve_tables *tables;
  sieve_sizes sizes;
  unsigned seg_shift;
  uint8_t *seg;
  uint64_t lo, hi, first_byte, last_byte;
  uint64_t segment, nsegments; /* the next segment to sieve, and how many there are */
  sieve_prime *small, *medium;
  size_t nsmall, nmedium, cap_small, cap_medium;
  sieve_buckets buckets;
  /* Where the next sieving prime comes from. */
  size_t base_pos;
  uint64_t pending; /* fetched, not yet added; 0 for none */
  int supply_done;
  struct sieve_engine *inner; /* primes above 2^16, when sqrt(hi) reaches them */
  sieve_iter inner_iter;
  int use_inner;
} sieve_engine;

/* Sizes for sieving up to hi from the cache sizes (bytes; 0 when unknown): the segment is the
 * power of two at or above sqrt(hi), within twice L1d and half of L2 (the rest holds the
 * sieving primes), both rounded to powers of two; the block is L1d. */
sieve_sizes sieve_sizes_for_range(size_t l1_bytes, size_t l2_bytes, uint64_t hi);

/* Prepares an engine with these sizes (segment_bytes rounded down to a power of two within
 * 1 KiB..64 MiB). Returns 0, or -1 when memory runs out. */
int sieve_engine_init(sieve_engine *e, const sieve_tables *t, sieve_sizes sizes);

/* Starts the range [lo, hi] (lo <= hi), keeping the engine's memory. Returns 0 or -1 (out of
 * memory). */
int sieve_engine_start(sieve_engine *e, uint64_t lo, uint64_t hi);

/* Sieves the next segment into *out. Returns 1, 0 when the range is done, -1 when memory ran
 * out. */
int sieve_engine_next(sieve_engine *e, sieve_segment *out);

void sieve_engine_free(sieve_engine *e);

/* Iterates the primes >= 7 of an engine that has been started. */
void sieve_iter_init(sieve_iter *it, sieve_engine *e);

/* Sets *p to the next prime; returns 1, 0 at the end of the range, -1 when memory ran out. */
int sieve_iter_next(sieve_iter *it, uint64_t *p);

/* The 8 wheel bytes at b as a word whose bit k is bit k % 8 of byte k / 8, on any host. */
static inline uint64_t sieve_load_word(const uint8_t *b)
{
  uint64_t v;
  memcpy(&v, b, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/* floor(sqrt(n)) for every 64-bit n. */
uint64_t sieve_isqrt(uint64_t n);

#endif
