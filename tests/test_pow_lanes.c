/* test_pow_lanes.c - every multi-lane kernel this CPU runs returns exactly the scalar
 * kernel's hits and resume points over the same ranges: random prefixes, every length class
 * (L % 4 = 0..3, and the 4..7 digits where the lane word is word 0), zero counts 1..3 (many
 * hits per tile), 5, 8 and a target that also masks C (the reference re-check path), ranges
 * that start and end anywhere, tiny hit buffers. Every hit is re-checked with OpenSSL. Also:
 * the unrolled step list against the schedule, and the dispatcher for every feature set. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_features.h"
#include "md5_schedule.h"
#include "md5_unrolled.h"
#include "pow_kernels.h"
#include "pow_lanes.h"
#include "test_util.h"

enum { MAX_HITS = 1 << 16 };

static int openssl_meets(const char *s, const pow_target *t)
{
  unsigned char d[16];
  unsigned int n = 16;
  uint32_t state[4];
  EVP_Digest(s, strlen(s), d, &n, EVP_md5(), NULL);
  for (int w = 0; w < 4; w++)
    state[w] = md5_load_word(d, (unsigned)w);
  return pow_target_met(t, state);
}

/* Scans [first, first + count) resuming after every full buffer, as pow_mine does; also
 * records each call's (n, scanned) so two kernels can be compared call by call. */
static size_t scan_all(pow_scan_fn *scan, const pow_batch *b, const pow_target *t,
                       uint64_t first, uint64_t count, size_t max_hits, uint64_t *hits,
                       uint64_t *trace, size_t *ntrace)
{
  size_t total = 0;
  *ntrace = 0;
  while (count > 0 && total + max_hits <= MAX_HITS) {
    uint64_t scanned = 0;
    size_t n = scan(b, t, first, count, hits + total, max_hits, &scanned);
    trace[(*ntrace)++] = n;
    trace[(*ntrace)++] = scanned;
    total += n;
    first += scanned;
    count -= scanned;
  }
  return total;
}

static void compare(const pow_kernel *k, unsigned len, const pow_target *t, uint64_t first,
                    uint64_t count, size_t max_hits)
{
  static uint64_t want[MAX_HITS], got[MAX_HITS], want_trace[2 * MAX_HITS],
    got_trace[2 * MAX_HITS];
  char digits[MD5_ONE_BLOCK_MAX + 1], cand[MD5_ONE_BLOCK_MAX + 1];
  pow_batch b;
  size_t nw, ng, tw, tg;

  for (unsigned i = 0; i < len; i++)
    digits[i] = (char)('0' + rand() % 10);
  CHECK(pow_batch_init(&b, digits, len, pow_lanes_width(len)) == 0, "batch init L=%u", len);
  nw = scan_all(pow_scan_scalar, &b, t, first, count, max_hits, want, want_trace, &tw);
  ng = scan_all(k->scan, &b, t, first, count, max_hits, got, got_trace, &tg);
  CHECK(nw == ng && memcmp(want, got, nw * sizeof *want) == 0,
        "%s L=%u zeros=%u [%llu, +%llu) max %zu: %zu hits, scalar %zu", k->name, len,
        t->zeros, (unsigned long long)first, (unsigned long long)count, max_hits, ng, nw);
  CHECK(tw == tg && memcmp(want_trace, got_trace, tw * sizeof *want_trace) == 0,
        "%s L=%u: the calls' (hits, scanned) differ from scalar's", k->name, len);
  for (size_t i = 0; i < ng; i++) {
    pow_batch_candidate(&b, got[i], cand);
    if (!openssl_meets(cand, t)) {
      CHECK(0, "%s L=%u: hit %s fails the OpenSSL check", k->name, len, cand);
      break;
    }
  }
}

static void check_unrolled_list(void)
{
  static const char fn_of_round[] = "FGHI";
  int seen = 0;
#define CHECK_STEP(i, fn, r, a, b, c, d) \
  CHECK((i) == seen + 1 && (r) == md5_r[i] && #fn[0] == fn_of_round[(i) / 16] && \
          (&#a[0])[0] == "adcb"[(i) % 4], \
        "md5_unrolled.h step %d", i); \
  seen = (i);
  MD5_STEPS_1_TO_61(CHECK_STEP)
#undef CHECK_STEP
  CHECK(seen == 61, "md5_unrolled.h ends at step %d", seen);
}

static void check_dispatch(void)
{
  size_t n;
  const pow_kernel *all = pow_kernels(&n);
  CHECK(n >= 2 && strcmp(all[0].name, "scalar") == 0, "kernel table starts with scalar");
  CHECK(pow_kernel_find("nonesuch") == NULL, "unknown kernel name found");
  CHECK(strcmp(pow_kernel_auto(0)->name, "portable") == 0, "no features: auto is not portable");
#ifdef POW_HAVE_X86_KERNELS
  CHECK(strcmp(pow_kernel_auto(POW_CPU_AVX2)->name, "avx2") == 0, "AVX2 only: auto not avx2");
  CHECK(strcmp(pow_kernel_auto(POW_CPU_AVX2 | POW_CPU_AVX512F)->name, "avx512") == 0,
        "AVX2 + AVX-512F: auto not avx512");
  CHECK(!pow_kernel_runs_on(pow_kernel_find("avx512"), POW_CPU_AVX2), "avx512 runs on AVX2");
  CHECK(!pow_kernel_runs_on(pow_kernel_find("avx2"), 0), "avx2 runs without AVX2");
#endif
  for (size_t i = 0; i < n; i++)
    CHECK(pow_kernel_runs_on(&all[i], POW_CPU_AVX2 | POW_CPU_AVX512F), "%s", all[i].name);
}

int main(void)
{
  unsigned features;
  char err[160];
  size_t n;
  const pow_kernel *all = pow_kernels(&n);
  srand(2026);
  check_unrolled_list();
  check_dispatch();
  if (cpu_features(&features, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }

  pow_target masks_c; /* 4 zero bits in D and 4 in C: hits need the reference re-check */
  pow_target_init(&masks_c, 0);
  masks_c.mask[3] = 0xF;
  masks_c.mask[2] = 0xF0000000u;
  masks_c.zeros = 99;

  for (size_t i = 1; i < n; i++) {
    const pow_kernel *k = &all[i];
    if (!pow_kernel_runs_on(k, features)) {
      printf("test_pow_lanes: %s skipped: this CPU lacks what it needs\n", k->name);
      continue;
    }
    /* Under the checkers (HPCKIT_QUICK: 5-20x slower) shorter random ranges and a tenth of
     * a chunk below: a tiny hit buffer makes a scan call per few hits, each computing a
     * whole tile, so the ranges' length is what costs. */
    const int quick = getenv("HPCKIT_QUICK") != NULL;
    const uint64_t span = quick ? 1000 : 5000, chunk = quick ? 100000 : 1000000;
    unsigned lens[] = { 1, 3, 4, 5, 6, 7, 8, 13, 22, 47, 48, 49, 50, 51, 52, 55 };
    for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
      unsigned len = lens[l];
      uint64_t size = 1;
      for (unsigned d = 0; d < pow_lanes_width(len); d++)
        size *= 10;
      for (unsigned zeros = 1; zeros <= 3; zeros++) {
        pow_target t;
        pow_target_init(&t, zeros);
        uint64_t count = size < span ? size : 1 + (uint64_t)rand() % span;
        uint64_t first = (uint64_t)rand() % (size - count + 1);
        compare(k, len, &t, first, count, 1 + (size_t)rand() % 9);
      }
      compare(k, len, &masks_c, 0, size < 20000 ? size : 20000, 3);
    }
    /* Whole chunks of the default 50 digits, as pow mines them. */
    pow_target t5, t8;
    pow_target_init(&t5, 5);
    pow_target_init(&t8, 8);
    compare(k, 50, &t5, 0, chunk, 64);
    compare(k, 50, &t8, 0, chunk, 64);
    pow_target t3;
    pow_target_init(&t3, 3);
    compare(k, 50, &t3, 0, chunk, 64);
    compare(k, 50, &t3, 999990, 10, 1);
  }
  return test_summary("test_pow_lanes");
}
