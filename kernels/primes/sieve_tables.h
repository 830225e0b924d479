/* sieve_tables.h - what every sieve worker reads and nobody writes, built once per process:
 * the pre-sieve patterns (bytes with the multiples of 7..163 already cleared, copied into
 * each segment instead of crossing those primes off one by one) and the primes below 2^16,
 * which are the sieving primes for every number up to 2^32 (and so for the sieving primes
 * of every range up to 2^64). */
#ifndef KERNELS_SIEVE_TABLES_H
#define KERNELS_SIEVE_TABLES_H

#include <stddef.h>
#include <stdint.h>

#define SIEVE_PRESIEVE_MAX 163 /* the largest pre-sieved prime */
#define SIEVE_PRESIEVE_GROUPS 16
#define SIEVE_BASE_LIMIT 65536 /* base_primes holds the primes below this */

typedef struct sieve_tables {
  /* Group g holds the primes whose product is period[g]; byte i of pattern[g] is the wheel
   * byte of the numbers 30i..30i+29 with their multiples cleared. The period in bytes is the
   * product because 30 * product numbers repeat the pattern. */
  uint8_t *pattern[SIEVE_PRESIEVE_GROUPS];
  uint32_t period[SIEVE_PRESIEVE_GROUPS];
  unsigned ngroups;
  uint32_t *base_primes; /* the primes from 7 to SIEVE_BASE_LIMIT, ascending */
  size_t nbase;
  uint8_t byte_sum[256]; /* the sum of the residues whose bits are set in a byte */
} sieve_tables;

/* Builds the tables (about 330 KB: 15 patterns). Returns 0, or -1 when memory runs out. */
int sieve_tables_init(sieve_tables *t);

void sieve_tables_free(sieve_tables *t);

/* Fills seg[0..n) with the pre-sieved pattern of the wheel bytes first_byte.. onwards. */
void sieve_presieve(const sieve_tables *t, uint8_t *seg, size_t n, uint64_t first_byte);

#endif
