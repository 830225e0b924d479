/* test_numparse.c - number expressions: accepted forms, rejected forms, overflow at 2^64. */
#include <stdint.h>
#include <string.h>

#include "numparse.h"
#include "test_util.h"

static void ok(const char *text, uint64_t want)
{
  uint64_t v = 0;
  int rc = numparse_u64(text, &v);
  CHECK(rc == 0 && v == want, "'%s': rc %d value %llu, want %llu", text, rc,
        (unsigned long long)v, (unsigned long long)want);
}

static void bad(const char *text, int want_rc)
{
  uint64_t v = 0;
  int rc = numparse_u64(text, &v);
  CHECK(rc == want_rc, "'%s': rc %d, want %d", text, rc, want_rc);
}

int main(void)
{
  ok("0", 0);
  ok("42", 42);
  ok("1e10", 10000000000u);
  ok("2^32", 4294967296u);
  ok("10^12", 1000000000000u);
  ok("1e12+1e9", 1001000000000u);
  ok("18446744073709551615", UINT64_MAX);
  ok("1^1000000", 1);
  ok("0e99", 0);
  ok("3E2", 300);
  ok("1e19", 10000000000000000000u);
  bad("", -1);
  bad("-1", -1);
  bad("+1", -1);
  bad("x", -1);
  bad("1x", -1);
  bad("1e", -1);
  bad("1+", -1);
  bad(" 1", -1);
  bad("1.5", -1);
  bad("18446744073709551616", -2);
  bad("2^64", -2);
  bad("1e20", -2);
  bad("18446744073709551615+1", -2);

  double d = 0;
  CHECK(numparse_double("0.25", &d) == 0 && d == 0.25, "0.25 -> %g", d);
  CHECK(numparse_double("1e-3", &d) == 0 && d == 1e-3, "1e-3 -> %g", d);
  CHECK(numparse_double("abc", &d) == -1, "abc accepted");
  CHECK(numparse_double("1s", &d) == -1, "1s accepted");
  CHECK(numparse_double("inf", &d) == -1, "inf accepted");
  CHECK(numparse_double("", &d) == -1, "empty accepted");
  return test_summary("test_numparse");
}
