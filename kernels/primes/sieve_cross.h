/* sieve_cross.h - crossing off the multiples of sieving primes in one segment of wheel
 * bytes: the inner loop of the sieve. */
#ifndef KERNELS_SIEVE_CROSS_H
#define KERNELS_SIEVE_CROSS_H

#include <stddef.h>
#include <stdint.h>

/* A sieving prime p = 30q + r: its next multiple to cross is at byte idx (counted from the
 * start of the current segment) with wheel index wi (wheel30.h). */
typedef struct sieve_prime {
  uint32_t q;
  uint32_t idx;
  uint32_t wi;
} sieve_prime;

/* Crosses off every multiple of each of the n primes that lies in seg[0..end), and leaves
 * each prime's idx and wi at its first multiple at or past end. Primes with many multiples
 * per segment take an unrolled loop of 8 multiples (one turn of the wheel, p bytes) with
 * constant masks; the rest walk the wheel one multiple at a time. */
void sieve_cross(uint8_t *seg, size_t end, sieve_prime *primes, size_t n);

#endif
