/* pow_selftest.c - the known answers behind pow --test. The RFC 1321 digests are from the
 * RFC's appendix A.5; the coins were found with Python's hashlib (an independent MD5), not by
 * this code: 43 digits of pi after the "3." followed by a 7-digit counter. */
#include "pow_selftest.h"

#include <string.h>

#include "md5.h"
#include "pow_check.h"
#include "pow_kernels.h"
#include "pow_lanes.h"

static const char *const rfc1321[][2] = {
  { "", "d41d8cd98f00b204e9800998ecf8427e" },
  { "abc", "900150983cd24fb0d6963f7d28e17f72" },
  { "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
  { "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
  { "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    "57edf4a22be3c955ac49da2e2107b67a" },
};

static const char *const known_coins[][2] = {
  { "14159265358979323846264338327950288419716932236181", "9e3122e091da0a3640f4986cfc200000" },
  { "14159265358979323846264338327950288419716933738243", "f8db20643b365a98eb8ff3558a400000" },
  { "14159265358979323846264338327950288419716934071466", "c9428c4bbde3b25d1999225ea6d00000" },
  { "14159265358979323846264338327950288419716934897002", "d759d6977fcdeb2f0790b24efb900000" },
};

/* Prints one check's line; returns 1 when it failed (a count, summed by the caller). */
static int report(FILE *out, int ok, const char *what)
{
  fprintf(out, "%s %s\n", ok ? "OK   " : "ERROR", what);
  return !ok;
}

int pow_selftest(FILE *out, unsigned features)
{
  size_t nkernels;
  const pow_kernel *kernels = pow_kernels(&nkernels);
  int failures = 0;
  char hex[33], line[200], why[160];
  unsigned char digest[MD5_DIGEST_BYTES];

  for (size_t i = 0; i < sizeof rfc1321 / sizeof rfc1321[0]; i++) {
    md5_digest(rfc1321[i][0], strlen(rfc1321[i][0]), digest);
    md5_hex(digest, hex);
    snprintf(line, sizeof line, "RFC 1321 MD5(\"%.20s%s\") = %s", rfc1321[i][0],
             strlen(rfc1321[i][0]) > 20 ? "..." : "", rfc1321[i][1]);
    failures += report(out, strcmp(hex, rfc1321[i][1]) == 0, line);
  }

  pow_target target;
  pow_target_init(&target, 5);
  failures += report(out, target.mask[3] == 0xFFFF0F00u && pow_target_d_only(&target),
                     "5 zeros is the mask 0xFFFF0F00 on the final D word");

  for (size_t i = 0; i < sizeof known_coins / sizeof known_coins[0]; i++) {
    const char *coin = known_coins[i][0];
    snprintf(line, sizeof line, "known coin %s passes the OpenSSL check", coin);
    failures += report(out, pow_check_coin(coin, known_coins[i][1], 50, 5, why, sizeof why), line);

    /* Every kernel this CPU runs must find the coin among the 1000 candidates around it,
     * in the batch layout pow mines (the last 6 of 50 digits vary). */
    pow_batch batch;
    unsigned width = pow_lanes_width(50);
    uint64_t want = 0;
    for (size_t k = 50 - width; k < 50; k++)
      want = want * 10 + (uint64_t)(coin[k] - '0');
    pow_batch_init(&batch, coin, 50, width);
    for (size_t k = 0; k < nkernels; k++) {
      if (!pow_kernel_runs_on(&kernels[k], features))
        continue;
      uint64_t lo = want > 500 ? want - 500 : 0, hits[8], scanned = 0;
      size_t n = kernels[k].scan(&batch, &target, lo, 1000, hits, 8, &scanned);
      int found = 0;
      for (size_t h = 0; h < n; h++)
        found |= hits[h] == want;
      snprintf(line, sizeof line, "%s kernel finds known coin %zu among 1000 candidates",
               kernels[k].name, i + 1);
      failures += report(out, found && scanned == 1000, line);
    }
  }

  /* A tampered coin (last digit changed) must fail the check. */
  char tampered[51];
  memcpy(tampered, known_coins[0][0], 51);
  tampered[49] = tampered[49] == '9' ? '0' : (char)(tampered[49] + 1);
  failures += report(out, !pow_check_coin(tampered, NULL, 50, 5, why, sizeof why),
                     "a coin with its last digit changed is rejected");

  fprintf(out, "%s: %d of the checks failed\n", failures ? "ERROR" : "OK", failures);
  return failures ? STATUS_FAILED : 0;
}
