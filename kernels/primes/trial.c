/* trial.c - division-free trial division. */
#include "trial.h"

void trial_inverse_many(uint64_t *v, uint32_t *p, size_t n)
{
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const uint64_t a0 = v[i], a1 = v[i + 1], a2 = v[i + 2], a3 = v[i + 3];
    uint64_t x0 = (3 * a0) ^ 2, x1 = (3 * a1) ^ 2, x2 = (3 * a2) ^ 2, x3 = (3 * a3) ^ 2;
    for (int k = 0; k < 4; k++) {
      x0 *= 2 - a0 * x0;
      x1 *= 2 - a1 * x1;
      x2 *= 2 - a2 * x2;
      x3 *= 2 - a3 * x3;
    }
    p[i] = (uint32_t)a0;
    p[i + 1] = (uint32_t)a1;
    p[i + 2] = (uint32_t)a2;
    p[i + 3] = (uint32_t)a3;
    v[i] = x0;
    v[i + 1] = x1;
    v[i + 2] = x2;
    v[i + 3] = x3;
  }
  for (; i < n; i++) {
    p[i] = (uint32_t)v[i];
    v[i] = trial_inverse(v[i]);
  }
}

uint64_t trial_wheel_factor(uint64_t x)
{
  if (x % 2 == 0)
    return 2;
  if (x % 3 == 0)
    return 3;
  if (x % 5 == 0)
    return 5;
  return 0;
}

static int divides(uint64_t x, uint64_t p, uint64_t inv)
{
  uint64_t q = x * inv;
  return (uint64_t)(((unsigned __int128)q * p) >> 64) == 0;
}

uint64_t trial_first_divisor(uint64_t x, const uint32_t *primes, const uint64_t *inv, size_t n)
{
  /* Only primes with p * p <= x can be the smallest factor: find how many, once. */
  size_t m = n;
  if (m > 0 && (uint64_t)primes[m - 1] * primes[m - 1] > x) {
    size_t lo = 0, hi = m; /* the first index whose square exceeds x */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if ((uint64_t)primes[mid] * primes[mid] > x)
        hi = mid;
      else
        lo = mid + 1;
    }
    m = lo;
  }
  /* Four tests per branch: the factors are rare, the multiplications independent. */
  size_t i = 0;
  for (; i + 4 <= m; i += 4) {
    uint64_t h0 = (uint64_t)(((unsigned __int128)(x * inv[i]) * primes[i]) >> 64);
    uint64_t h1 = (uint64_t)(((unsigned __int128)(x * inv[i + 1]) * primes[i + 1]) >> 64);
    uint64_t h2 = (uint64_t)(((unsigned __int128)(x * inv[i + 2]) * primes[i + 2]) >> 64);
    uint64_t h3 = (uint64_t)(((unsigned __int128)(x * inv[i + 3]) * primes[i + 3]) >> 64);
    if ((h0 == 0) | (h1 == 0) | (h2 == 0) | (h3 == 0))
      break;
  }
  for (; i < m; i++)
    if (divides(x, primes[i], inv[i]))
      return primes[i];
  return 0;
}

uint64_t trial_first_divisor_stream(uint64_t x, const uint64_t *primes, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    uint64_t p = primes[i];
    if (p > UINT32_MAX || p * p > x)
      return 0;
    if (divides(x, p, trial_inverse(p)))
      return p;
  }
  return 0;
}
