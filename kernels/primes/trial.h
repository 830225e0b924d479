/* trial.h - trial division without the hardware divide. For an odd prime p with inverse
 * inv (p * inv = 1 mod 2^64), p divides x exactly when q = x * inv (mod 2^64) times p does
 * not overflow: then q is x / p. So each test is two multiplications (x * inv, and the high
 * half of q * p) and a compare. This is the n * inv(p) <= (2^64 - 1) / p test
 * without the per-prime division that computing its bound would cost. */
#ifndef KERNELS_TRIAL_H
#define KERNELS_TRIAL_H

#include <stddef.h>
#include <stdint.h>

/* The inverse of odd a modulo 2^64 (Newton's iteration: each step doubles the good bits).
 * Inline: the divisor table computes one per prime, millions of them. */
static inline uint64_t trial_inverse(uint64_t a)
{
  uint64_t x = (3 * a) ^ 2; /* correct to 5 bits for every odd a */
  for (int k = 0; k < 4; k++)
    x *= 2 - a * x;       /* 10, 20, 40, 80 bits */
  return x;
}

/* Turns v[0..n) (odd primes below 2^32) into their inverses and stores the primes in
 * p[0..n). Four Newton chains at a time, so that their multiplications overlap: about 3x
 * faster than one inverse after another. */
void trial_inverse_many(uint64_t *v, uint32_t *p, size_t n);

/* 2, 3 or 5 when it divides x (the smallest), else 0. x >= 2. */
uint64_t trial_wheel_factor(uint64_t x);

/* The smallest of the ascending odd primes primes[0..n) that divides x, considering only
 * primes p with p * p <= x; 0 when none does. inv[i] is trial_inverse(primes[i]). */
uint64_t trial_first_divisor(uint64_t x, const uint32_t *primes, const uint64_t *inv, size_t n);

/* The same for primes streamed from a sieve, computing each inverse on the way. */
uint64_t trial_first_divisor_stream(uint64_t x, const uint64_t *primes, size_t n);

#endif
