/* miller_rabin.h - deterministic primality for every 64-bit number: strong probable-prime
 * tests to the seven bases of Jim Sinclair's set (2, 325, 9375, 28178, 450775, 9780504,
 * 1795265022), which no composite below 2^64 passes. Montgomery arithmetic, so there is no
 * 128-bit division in the loop. The independent check on trial division. */
#ifndef KERNELS_MILLER_RABIN_H
#define KERNELS_MILLER_RABIN_H

#include <stdint.h>

/* 1 when n is prime, else 0. */
int miller_rabin_is_prime(uint64_t n);

#endif
