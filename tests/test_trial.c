/* test_trial.c - the division-free divisibility test and Miller-Rabin against plain `%`
 * division: the smallest factor of every number up to 200000 and of random 64-bit numbers,
 * inverses of random odd numbers, and Miller-Rabin on strong pseudoprimes and Carmichael
 * numbers (published lists) and on products of two large primes. */
#include <stdint.h>
#include <stdlib.h>

#include "miller_rabin.h"
#include "test_util.h"
#include "trial.h"

static uint64_t plain_smallest_factor(uint64_t x)
{
  for (uint64_t d = 2; d * d <= x; d++)
    if (x % d == 0)
      return d;
  return 0;
}

static uint64_t rand64(void)
{
  uint64_t v = 0;
  for (int k = 0; k < 4; k++)
    v = v << 16 ^ (uint64_t)(rand() & 0xFFFF);
  return v;
}

int main(void)
{
  enum { NPRIMES = 4000 };
  uint32_t primes[NPRIMES];
  uint64_t inv[NPRIMES], wide[NPRIMES];
  size_t n = 0;
  for (uint32_t x = 7; n < NPRIMES; x += 2)
    if (plain_smallest_factor(x) == 0) {
      primes[n] = x;
      wide[n] = x;
      inv[n] = trial_inverse(x);
      n++;
    }

  srand(777);
  for (int k = 0; k < 1000; k++) {
    uint64_t a = rand64() | 1;
    CHECK(a * trial_inverse(a) == 1, "inverse of %llu", (unsigned long long)a);
  }

  for (uint64_t x = 2; x < 200000; x++) {
    uint64_t f = trial_wheel_factor(x), want = plain_smallest_factor(x);
    if (!f)
      f = trial_first_divisor(x, primes, inv, n);
    else if (f == x)
      f = 0;
    uint64_t g = trial_wheel_factor(x) ? f : trial_first_divisor_stream(x, wide, n);
    CHECK(f == want && g == want, "smallest factor of %llu: %llu, %llu, want %llu",
          (unsigned long long)x, (unsigned long long)f, (unsigned long long)g,
          (unsigned long long)want);
    CHECK(miller_rabin_is_prime(x) == (want == 0), "Miller-Rabin %llu", (unsigned long long)x);
  }
  /* Random 64-bit numbers: any factor the table finds divides, and none smaller exists. */
  for (int k = 0; k < 2000; k++) {
    uint64_t x = rand64() | 1;
    if (trial_wheel_factor(x))
      continue;
    uint64_t f = trial_first_divisor(x, primes, inv, n);
    uint64_t plain = 0;
    for (size_t i = 0; i < n && !plain; i++)
      if (x % primes[i] == 0)
        plain = primes[i];
    CHECK(f == plain, "random %llu: %llu vs %llu", (unsigned long long)x, (unsigned long long)f,
          (unsigned long long)plain);
  }
  /* Strong pseudoprimes to base 2 (OEIS A001262) and Carmichael numbers (A002997). */
  const uint64_t composites[] = { 2047, 3277, 4033, 4681, 8321, 15841, 29341, 42799, 49141,
                                  52633, 65281, 74665, 80581, 85489, 88357, 90751, 561, 1105,
                                  1729, 2465, 2821, 6601, 8911, 10585, 15841, 29341, 41041,
                                  3215031751ull, 3825123056546413051ull,
                                  18446743979220271189ull, 18446744073709551615ull };
  for (size_t k = 0; k < sizeof composites / sizeof composites[0]; k++)
    CHECK(!miller_rabin_is_prime(composites[k]), "%llu is composite",
          (unsigned long long)composites[k]);
  const uint64_t primes64[] = { 18446744073709551557ull, 4294967291ull, 4294967279ull,
                                1000000000000000003ull, 112272535095293ull };
  for (size_t k = 0; k < sizeof primes64 / sizeof primes64[0]; k++)
    CHECK(miller_rabin_is_prime(primes64[k]), "%llu is prime", (unsigned long long)primes64[k]);
  return test_summary("test_trial");
}
