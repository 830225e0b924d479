/* fuzz_numbers.c - the number and range expressions every program takes: 1e10, 2^32,
 * 1e12+1e9, 10^18-1, and A:B spans (numparse, sieve_parse_span, trial_parse_number). */
#include <stdio.h>

#include "fuzz_util.h"
#include "numparse.h"
#include "sieve_options.h"
#include "trial_options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *s = fuzz_string(data, size), err[300];
  if (!s)
    return 0;
  uint64_t v, a, b;
  double d;
  if (numparse_u64(s, &v) == 0 && strspn(s, "0123456789") == size && size > 0 && size < 20)
    FUZZ_ASSERT(v == strtoull(s, NULL, 10)); /* plain decimals mean what strtoull says */
  numparse_double(s, &d);
  if (sieve_parse_span("--batch", s, &a, &b, err, sizeof err) == 0)
    FUZZ_ASSERT(a < b);
  else
    FUZZ_ASSERT(err[0] != '\0' && strlen(err) < sizeof err);
  trial_parse_number(s, &v, err, sizeof err);
  free(s);
  return 0;
}
