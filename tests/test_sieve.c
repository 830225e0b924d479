/* test_sieve.c - the sieve engine against a plain Sieve of Eratosthenes written here for the
 * purpose (a byte per number, no wheel, no segments): counts, sums, twin pairs and the primes
 * themselves, over many ranges and every segment size from 1 KiB up, so that segment edges,
 * the small/medium/bucket split and range trimming all run. Also the wheel's first multiple
 * and the integer square root at their edges. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sieve_engine.h"
#include "sieve_scan.h"
#include "test_util.h"
#include "wheel30.h"

#define LIMIT 3000000

static unsigned char *plain_sieve(void)
{
  unsigned char *is = malloc(LIMIT + 3);
  memset(is, 1, LIMIT + 3);
  is[0] = is[1] = 0;
  for (uint64_t i = 2; i * i <= LIMIT + 2; i++)
    if (is[i])
      for (uint64_t j = i * i; j <= LIMIT + 2; j += i)
        is[j] = 0;
  return is;
}

typedef struct tally {
  uint64_t count, sum, twins, listed;
  int list_ok;
} tally;

static void engine_tally(const sieve_tables *t, sieve_sizes sz, uint64_t lo, uint64_t hi,
                         const unsigned char *is, tally *r)
{
  sieve_engine e;
  sieve_segment s;
  int carry = 0;
  uint64_t *list = malloc(sizeof *list * (LIMIT / 2 + 16)), expect = lo;
  size_t n = 0;
  memset(r, 0, sizeof *r);
  r->list_ok = 1;
  if (sieve_engine_init(&e, t, sz) != 0 || sieve_engine_start(&e, lo, hi) != 0) {
    r->list_ok = 0;
    free(list);
    return;
  }
  while (sieve_engine_next(&e, &s) == 1) {
    r->count += sieve_scan_count(&s);
    r->sum += sieve_scan_sum(t, &s);
    r->twins += sieve_scan_twins(&s, &carry);
    sieve_scan_collect(&s, list, &n, LIMIT / 2 + 16);
  }
  /* The collected primes are exactly the plain sieve's primes >= 7 in the range, in order. */
  for (size_t i = 0; i < n; i++) {
    while (expect < list[i] && (expect < 7 || !is[expect]))
      expect++;
    if (expect != list[i])
      r->list_ok = 0;
    expect = list[i] + 1;
  }
  r->listed = n;
  sieve_engine_free(&e);
  free(list);
}

static void plain_tally(const unsigned char *is, uint64_t lo, uint64_t hi, tally *r)
{
  memset(r, 0, sizeof *r);
  for (uint64_t x = lo < 7 ? 7 : lo; x <= hi; x++)
    if (is[x]) {
      r->count++;
      r->sum += x;
      if (x + 2 <= hi && is[x + 2])
        r->twins++;
    }
}

int main(void)
{
  sieve_tables t;
  CHECK(sieve_tables_init(&t) == 0, "tables");
  unsigned char *is = plain_sieve();
  const sieve_sizes sizes[] = { { 1024, 1024 }, { 2048, 1024 }, { 8192, 4096 },
                                { 65536, 32768 }, { 524288, 49152 } };
  srand(12345);
  for (int k = 0; k < 300; k++) {
    uint64_t lo = k < 20 ? (uint64_t)k : (uint64_t)rand() % LIMIT;
    uint64_t len = k % 3 == 0 ? (uint64_t)rand() % 100 : (uint64_t)rand() % (LIMIT / 4);
    uint64_t hi = lo + len > LIMIT ? LIMIT : lo + len;
    if (k == 299) {
      lo = 0;
      hi = LIMIT;
    }
    sieve_sizes sz = sizes[k % 5];
    tally a, b;
    engine_tally(&t, sz, lo, hi, is, &a);
    plain_tally(is, lo, hi, &b);
    CHECK(a.count == b.count && a.sum == b.sum && a.twins == b.twins && a.list_ok &&
            a.listed == a.count,
          "[%llu, %llu] seg %zu: count %llu/%llu sum %llu/%llu twins %llu/%llu list %d",
          (unsigned long long)lo, (unsigned long long)hi, sz.segment_bytes,
          (unsigned long long)a.count, (unsigned long long)b.count, (unsigned long long)a.sum,
          (unsigned long long)b.sum, (unsigned long long)a.twins, (unsigned long long)b.twins,
          a.list_ok);
  }

  /* The first multiple: p^2 when the range starts low, the first multiple with a cofactor
   * coprime to 30 otherwise, none past the limit. */
  uint64_t byte;
  unsigned wi;
  CHECK(wheel30_first_multiple(7, 0, 1000, &byte, &wi) == 0 && byte == 49 / 30, "7 from 0");
  CHECK(wheel30_first_multiple(7, 50, 1000, &byte, &wi) == 0 && byte == 77 / 30, "7 from 50");
  CHECK(wheel30_first_multiple(7, 50, 76, &byte, &wi) != 0, "7 in [50, 76] has no multiple");
  CHECK(wheel30_first_multiple(4294967291ull, UINT64_MAX - 100, UINT64_MAX, &byte, &wi) != 0,
        "no overflow near 2^64");

  const uint64_t roots[][2] = { { 0, 0 }, { 1, 1 }, { 3, 1 }, { 4, 2 }, { 99, 9 }, { 100, 10 },
                                { UINT64_MAX, 4294967295ull },
                                { 4294967295ull * 4294967295ull, 4294967295ull },
                                { 4294967295ull * 4294967295ull - 1, 4294967294ull } };
  for (size_t k = 0; k < sizeof roots / sizeof roots[0]; k++)
    CHECK(sieve_isqrt(roots[k][0]) == roots[k][1], "isqrt(%llu)", (unsigned long long)roots[k][0]);

  free(is);
  sieve_tables_free(&t);
  return test_summary("test_sieve");
}
