/* sieve_selftest.c - `sieve --test`. The expected values are published ones (OEIS A006880
 * for PrimePi(10^k), A007508 for twin pairs below 10^k; the primes below 2^64 are 2^64 - k
 * for k = 59, 83, 95, 179, 189, 257, 279, 323, 353, 363), never computed by this code. The
 * engine is run with tiny segments as well as the chosen ones, so that the bucket and
 * segment-edge paths run on small inputs too. */
#include "sieve_selftest.h"

#include <inttypes.h>

#include "sieve_scan.h"

typedef struct tally {
  uint64_t count, twins;
} tally;

static int sieve_tally(const sieve_tables *t, sieve_sizes sizes, uint64_t lo, uint64_t hi,
                       tally *out)
{
  sieve_engine e;
  sieve_segment s;
  int carry = 0, rc;
  out->count = out->twins = 0;
  if (sieve_engine_init(&e, t, sizes) != 0 || sieve_engine_start(&e, lo, hi) != 0) {
    sieve_engine_free(&e);
    return -1;
  }
  for (;;) {
    rc = sieve_engine_next(&e, &s);
    if (rc != 1)
      break;
    out->count += sieve_scan_count(&s);
    out->twins += sieve_scan_twins(&s, &carry);
  }
  sieve_engine_free(&e);
  for (uint64_t p = 2; p <= 5; p += p == 2 ? 1 : 2)
    out->count += p >= lo && p <= hi;
  out->twins += (lo <= 3 && hi >= 5) + (lo <= 5 && hi >= 7);
  return rc;
}

int sieve_selftest(FILE *out, const sieve_tables *t, sieve_sizes sizes)
{
  static const uint64_t pi10[] = { 4, 25, 168, 1229, 9592, 78498, 664579, 5761455, 50847534 };
  static const uint64_t twins10[] = { 2, 8, 35, 205, 1224, 8169, 58980, 440312, 3424506 };
  const sieve_sizes tiny = { 1024, 1024 };
  const uint64_t top = UINT64_MAX;
  int bad = 0;
  uint64_t pow10 = 10;
  for (unsigned k = 1; k <= 9; k++, pow10 *= 10) {
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1 && k > 7)
        break; /* tiny segments are slow; 10^7 is enough to reach the buckets */
      tally r;
      if (sieve_tally(t, pass ? tiny : sizes, 0, pow10, &r) != 0)
        return STATUS_SYSTEM;
      int ok = r.count == pi10[k - 1] && r.twins == twins10[k - 1];
      bad |= !ok;
      fprintf(out, "%s PrimePi(10^%u) = %" PRIu64 ", twins %" PRIu64 " (%s segments)\n",
              ok ? "OK   " : "ERROR", k, r.count, r.twins, pass ? "1 KiB" : "chosen");
    }
  }
  /* The ten primes just below 2^64 (each range needs every prime below 2^32 as a sieving
   * prime, so each is checked once: with the chosen and with tiny segments). */
  tally r;
  if (sieve_tally(t, sizes, top - 362, top, &r) != 0)
    return STATUS_SYSTEM;
  int ok = r.count == 10;
  bad |= !ok;
  fprintf(out, "%s [2^64-363, 2^64-1] holds %" PRIu64 " primes (10 expected)\n",
          ok ? "OK   " : "ERROR", r.count);
  if (sieve_tally(t, tiny, top - 82, top, &r) != 0)
    return STATUS_SYSTEM;
  ok = r.count == 2;
  bad |= !ok;
  fprintf(out, "%s [2^64-83, 2^64-1] holds %" PRIu64 " primes (2^64-83, 2^64-59) (1 KiB segments)\n",
          ok ? "OK   " : "ERROR", r.count);
  fprintf(out, "%s\n", bad ? "sieve self-test FAILED" : "sieve self-test passed");
  return bad ? STATUS_FAILED : 0;
}
