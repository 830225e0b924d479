/* test_numparse.c - number expressions: accepted forms, rejected forms, overflow at 2^64. */
#include <stdint.h>
#include <string.h>

#include "numparse.h"
#include "test_util.h"

/* What numparse_u64 must make of each text: its return code and, for 0, the value. */
static const struct {
  const char *text;
  int rc;
  uint64_t value;
} cases[] = {
  { "0", 0, 0 },
  { "42", 0, 42 },
  { "1e10", 0, 10000000000u },
  { "2^32", 0, 4294967296u },
  { "10^12", 0, 1000000000000u },
  { "1e12+1e9", 0, 1001000000000u },
  { "18446744073709551615", 0, UINT64_MAX },
  { "1^1000000", 0, 1 },
  { "0e99", 0, 0 },
  { "3E2", 0, 300 },
  { "1e19", 0, 10000000000000000000u },
  /* -1: not a number expression */
  { "", -1, 0 },
  { "-1", -1, 0 },
  { "+1", -1, 0 },
  { "x", -1, 0 },
  { "1x", -1, 0 },
  { "1e", -1, 0 },
  { "1+", -1, 0 },
  { " 1", -1, 0 },
  { "1.5", -1, 0 },
  /* -2: past 2^64 - 1 */
  { "18446744073709551616", -2, 0 },
  { "2^64", -2, 0 },
  { "1e20", -2, 0 },
  { "18446744073709551615+1", -2, 0 },
};

int main(void)
{
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint64_t v = 0;
    int rc = numparse_u64(cases[i].text, &v);
    CHECK(rc == cases[i].rc && (rc != 0 || v == cases[i].value),
          "'%s': rc %d value %llu, want rc %d value %llu", cases[i].text, rc,
          (unsigned long long)v, cases[i].rc, (unsigned long long)cases[i].value);
  }

  double d = 0;
  CHECK(numparse_double("0.25", &d) == 0 && d == 0.25, "0.25 -> %g", d);
  CHECK(numparse_double("1e-3", &d) == 0 && d == 1e-3, "1e-3 -> %g", d);
  CHECK(numparse_double("abc", &d) == -1, "abc accepted");
  CHECK(numparse_double("1s", &d) == -1, "1s accepted");
  CHECK(numparse_double("inf", &d) == -1, "inf accepted");
  CHECK(numparse_double("", &d) == -1, "empty accepted");
  return test_summary("test_numparse");
}
