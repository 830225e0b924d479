/* sieve_tables.c - builds the pre-sieve patterns and the base primes, and copies patterns
 * into segments. */
#include "sieve_tables.h"

#include <stdlib.h>
#include <string.h>

#include "wheel30.h"

/* Each pattern is at most this many bytes: products of consecutive primes grouped greedily,
 * so that the 15 patterns together take about 330 KB. */
#define GROUP_PERIOD_MAX (1u << 17)

static int is_small_prime(unsigned n)
{
  if (n < 2)
    return 0;
  for (unsigned d = 2; d * d <= n; d++)
    if (n % d == 0)
      return 0;
  return 1;
}

static void clear_multiples(uint8_t *pat, uint32_t period, unsigned p)
{
  uint64_t end = 30ull * period;
  for (uint64_t m = p; m < end; m += 2ull * p) {
    uint8_t bit = wheel30_bit_of[m % 30];
    if (bit != 0xFF)
      pat[m / 30] &= (uint8_t)~(1u << bit);
  }
}

static int build_patterns(sieve_tables *t)
{
  unsigned primes[64], n = 0;
  for (unsigned p = 7; p <= SIEVE_PRESIEVE_MAX; p++)
    if (is_small_prime(p))
      primes[n++] = p;
  unsigned i = 0;
  while (i < n) {
    if (t->ngroups == SIEVE_PRESIEVE_GROUPS)
      return -1;
    unsigned first = i;
    uint32_t period = primes[i++];
    while (i < n && (uint64_t)period * primes[i] <= GROUP_PERIOD_MAX)
      period *= primes[i++];
    uint8_t *pat = malloc(period);
    if (!pat)
      return -1;
    memset(pat, 0xFF, period);
    for (unsigned j = first; j < i; j++)
      clear_multiples(pat, period, primes[j]);
    t->pattern[t->ngroups] = pat;
    t->period[t->ngroups] = period;
    t->ngroups++;
  }
  return 0;
}

static int build_base_primes(sieve_tables *t)
{
  char *composite = calloc(SIEVE_BASE_LIMIT, 1);
  t->base_primes = malloc(sizeof *t->base_primes * 6600);
  if (!composite || !t->base_primes) {
    free(composite);
    return -1;
  }
  for (unsigned i = 2; i * i < SIEVE_BASE_LIMIT; i++)
    if (!composite[i])
      for (unsigned j = i * i; j < SIEVE_BASE_LIMIT; j += i)
        composite[j] = 1;
  for (unsigned i = 7; i < SIEVE_BASE_LIMIT; i++)
    if (!composite[i])
      t->base_primes[t->nbase++] = i;
  free(composite);
  return 0;
}

int sieve_tables_init(sieve_tables *t)
{
  memset(t, 0, sizeof *t);
  for (unsigned v = 0; v < 256; v++)
    for (unsigned b = 0; b < 8; b++)
      if (v >> b & 1)
        t->byte_sum[v] = (uint8_t)(t->byte_sum[v] + wheel30_residue[b]);
  if (build_patterns(t) != 0 || build_base_primes(t) != 0) {
    sieve_tables_free(t);
    return -1;
  }
  return 0;
}

void sieve_tables_free(sieve_tables *t)
{
  for (unsigned g = 0; g < t->ngroups; g++)
    free(t->pattern[g]);
  free(t->base_primes);
  memset(t, 0, sizeof *t);
}

/* dst[0..n) op= the pattern from offset off, wrapping at period. */
static void copy_pattern(uint8_t *dst, size_t n, const uint8_t *pat, uint32_t period,
                         uint32_t off)
{
  while (n > 0) {
    size_t run = period - off < n ? period - off : n;
    memcpy(dst, pat + off, run);
    dst += run;
    n -= run;
    off = 0;
  }
}

static void and_pattern(uint8_t *restrict dst, size_t n, const uint8_t *restrict pat,
                        uint32_t period, uint32_t off)
{
  while (n > 0) {
    size_t run = period - off < n ? period - off : n;
    const uint8_t *src = pat + off;
    for (size_t j = 0; j < run; j++)
      dst[j] &= src[j];
    dst += run;
    n -= run;
    off = 0;
  }
}

void sieve_presieve(const sieve_tables *t, uint8_t *seg, size_t n, uint64_t first_byte)
{
  /* Block by block, so that the block stays in L1 while every pattern is AND-ed in. */
  enum { BLOCK = 16384 };
  for (size_t done = 0; done < n; done += BLOCK) {
    size_t len = n - done < BLOCK ? n - done : BLOCK;
    uint64_t at = first_byte + done;
    copy_pattern(seg + done, len, t->pattern[0], t->period[0], (uint32_t)(at % t->period[0]));
    for (unsigned g = 1; g < t->ngroups; g++)
      and_pattern(seg + done, len, t->pattern[g], t->period[g], (uint32_t)(at % t->period[g]));
  }
}
