/* test_latency_hist.c - the latency histogram against an exact sort: every percentile of
 * several distributions within the promised 1/1024 (exact below 2048 us) and never below the
 * exact nearest-rank value, min, max, count and mean exact, a merge equal to one histogram of
 * everything, the empty histogram and values past the top. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "latency_hist.h"
#include "test_util.h"

#define N 20000

static int by_value(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* A reproducible pseudo-random 64-bit stream (xorshift64*). */
static uint64_t next(uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * UINT64_C(2685821657736338717);
}

/* Value k of distribution d: uniform below 2048, uniform to 5 s, log-uniform to 1000 s. */
static uint64_t draw(int d, uint64_t *s)
{
  uint64_t r = next(s);
  if (d == 0)
    return r % 2048;
  if (d == 1)
    return r % 5000000;
  return (uint64_t)exp((double)(r % 1000000) / 1000000.0 * log(1e9));
}

static void check_distribution(int d)
{
  static uint64_t v[N];
  static const double ps[] = { 0, 0.1, 1, 50, 90, 99, 99.9, 99.99, 100 };
  latency_hist h, half1, half2;
  uint64_t seed = 88172645463325252ull + (uint64_t)d;
  double sum = 0;
  CHECK(latency_hist_init(&h) == 0 && latency_hist_init(&half1) == 0 &&
        latency_hist_init(&half2) == 0, "init");
  for (int k = 0; k < N; k++) {
    v[k] = draw(d, &seed);
    sum += (double)v[k];
    latency_hist_add(&h, v[k]);
    latency_hist_add(k % 2 ? &half1 : &half2, v[k]);
  }
  qsort(v, N, sizeof v[0], by_value);
  CHECK(h.n == N && h.min == v[0] && h.max == v[N - 1], "d%d: count, min, max exact", d);
  CHECK(fabs(h.sum / N - sum / N) < 1e-6 * (sum / N + 1), "d%d: mean exact", d);
  latency_hist_merge(&half1, &half2);
  for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++) {
    /* the nearest rank in whole numbers (ps[i] x 1000 is whole) */
    uint64_t rank = ((uint64_t)llround(ps[i] * 1000) * N + 99999) / 100000;
    uint64_t exact = v[(rank < 1 ? 1 : rank) - 1];
    uint64_t got = latency_hist_percentile(&h, ps[i]);
    uint64_t slack = exact < 2048 ? 0 : exact / 1024;
    CHECK(got >= exact && got - exact <= slack, "d%d p%g: %llu, exact %llu", d, ps[i],
          (unsigned long long)got, (unsigned long long)exact);
    CHECK(latency_hist_percentile(&half1, ps[i]) == got, "d%d p%g: merged halves differ", d,
          ps[i]);
  }
  latency_hist_free(&h);
  latency_hist_free(&half1);
  latency_hist_free(&half2);
}

int main(void)
{
  for (int d = 0; d < 3; d++)
    check_distribution(d);

  latency_hist h;
  CHECK(latency_hist_init(&h) == 0, "init");
  CHECK(latency_hist_percentile(&h, 50) == 0 && h.n == 0, "empty: 0");
  latency_hist_add(&h, UINT64_MAX); /* past 2^40 us: counted at the top */
  latency_hist_add(&h, 3);
  CHECK(h.max == (UINT64_C(1) << 40) - 1, "past the top clamps: %llu",
        (unsigned long long)h.max);
  CHECK(latency_hist_percentile(&h, 50) == 3 && latency_hist_percentile(&h, 100) == h.max,
        "two values: p50 the smaller, p100 the larger");
  latency_hist_free(&h);
  /* p99.9 of 1000 values is rank 999, not the maximum (99.9 / 100 * 1000 in doubles is
   * 999.0000000000001) */
  CHECK(latency_hist_init(&h) == 0, "init");
  for (uint64_t k = 1; k <= 1000; k++)
    latency_hist_add(&h, k);
  CHECK(latency_hist_percentile(&h, 99.9) == 999 && latency_hist_percentile(&h, 99) == 990,
        "p99.9 of 1..1000: %llu", (unsigned long long)latency_hist_percentile(&h, 99.9));
  latency_hist_free(&h);
  return test_summary("test_latency_hist");
}
