/* miller_rabin.c - Montgomery multiplication modulo an odd n, and the strong tests. */
#include "miller_rabin.h"

#include "trial.h"

typedef unsigned __int128 u128;

typedef struct mont {
  uint64_t n, inv; /* n * inv = 1 mod 2^64 */
  uint64_t one;    /* 2^64 mod n: 1 in Montgomery form */
  uint64_t r2;     /* 2^128 mod n: converts into Montgomery form */
} mont;

/* t / 2^64 mod n for t < n * 2^64. T - m*n has a zero low word, so the high words subtract
 * without a borrow; this form cannot overflow even when n is above 2^63. */
static uint64_t redc(const mont *m, u128 t)
{
  uint64_t k = (uint64_t)t * m->inv;
  uint64_t sub = (uint64_t)(((u128)k * m->n) >> 64), high = (uint64_t)(t >> 64);
  return high >= sub ? high - sub : high - sub + m->n;
}

static uint64_t mul(const mont *m, uint64_t a, uint64_t b)
{
  return redc(m, (u128)a * b);
}

static int strong_probable_prime(const mont *m, uint64_t base, uint64_t d, unsigned s)
{
  const uint64_t minus_one = m->n - m->one;
  uint64_t x = m->one, a = mul(m, base % m->n, m->r2);
  if (base % m->n == 0)
    return 1;
  for (uint64_t e = d; e; e >>= 1) {
    if (e & 1)
      x = mul(m, x, a);
    a = mul(m, a, a);
  }
  if (x == m->one || x == minus_one)
    return 1;
  for (unsigned r = 1; r < s; r++) {
    x = mul(m, x, x);
    if (x == minus_one)
      return 1;
  }
  return 0;
}

int miller_rabin_is_prime(uint64_t n)
{
  static const uint64_t bases[] = { 2, 325, 9375, 28178, 450775, 9780504, 1795265022 };
  if (n < 2)
    return 0;
  if (n < 7)
    return n == 2 || n == 3 || n == 5;
  if (trial_wheel_factor(n))
    return 0;
  mont m;
  m.n = n;
  m.inv = trial_inverse(n);
  m.one = (0 - n) % n;
  m.r2 = (uint64_t)(((u128)m.one * m.one) % n);
  uint64_t d = n - 1;
  unsigned s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    s++;
  }
  for (unsigned k = 0; k < sizeof bases / sizeof bases[0]; k++)
    if (!strong_probable_prime(&m, bases[k], d, s))
      return 0;
  return 1;
}
