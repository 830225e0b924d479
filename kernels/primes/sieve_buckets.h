/* sieve_buckets.h - the large sieving primes (at most a few multiples per segment, often
 * none): instead of visiting every such prime in every segment, each waits in the bucket of
 * the segment that holds its next multiple (Oliveira e Silva's bucket sieve, as primesieve's
 * EratBig). A bucket is a list of fixed-size blocks drawn from a free list, so a range near
 * 2^64 (hundreds of millions of sieving primes) costs only the primes that hit it. */
#ifndef KERNELS_SIEVE_BUCKETS_H
#define KERNELS_SIEVE_BUCKETS_H

#include <stddef.h>
#include <stdint.h>

enum { SIEVE_BUCKET_ENTRIES = 1022 };

typedef struct sieve_bucket_entry {
  uint32_t q;   /* the prime is 30q + the residue of its wheel class */
  uint32_t pos; /* byte index in its segment << 6 | wheel index */
} sieve_bucket_entry;

typedef struct sieve_bucket {
  struct sieve_bucket *next;
  uint32_t n;
  sieve_bucket_entry e[SIEVE_BUCKET_ENTRIES];
} sieve_bucket;

typedef struct sieve_buckets {
  sieve_bucket **slot; /* slot s holds the primes of segments s, s + nslots, ... */
  size_t nslots;       /* a power of two above the farthest jump, in segments */
  sieve_bucket *free;
  unsigned seg_shift;  /* segments are 1 << seg_shift bytes */
} sieve_buckets;

/* Sets up buckets for segments of 1 << seg_shift bytes and primes up to max_prime, keeping
 * blocks already allocated. Returns 0, or -1 when memory runs out. */
int sieve_buckets_reset(sieve_buckets *b, unsigned seg_shift, uint64_t max_prime);

/* Files a prime whose next multiple is `ahead` segments past the current one. Returns 0, or
 * -1 when memory runs out. */
int sieve_buckets_push(sieve_buckets *b, uint64_t segment, uint32_t q, uint32_t idx,
                       unsigned wi);

/* Crosses off the multiples in seg[0..nbytes) (segment number `segment`) of every prime
 * filed for it, and files each again for its next multiple when that is below segment
 * `nsegments`. Returns 0, or -1 when memory runs out. */
int sieve_buckets_cross(sieve_buckets *b, uint8_t *seg, size_t nbytes, uint64_t segment,
                        uint64_t nsegments);

void sieve_buckets_free(sieve_buckets *b);

#endif
