/* test_util.h - the few lines every C test shares: a CHECK that reports file, line and a
 * message and counts failures, and the summary that sets the exit status. */
#ifndef TESTS_TEST_UTIL_H
#define TESTS_TEST_UTIL_H

#include <stdio.h>

static int test_checks, test_failures;

#define CHECK(cond, ...) \
  do { \
    test_checks++; \
    if (!(cond)) { \
      test_failures++; \
      fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__); \
      fputc('\n', stderr); \
    } \
  } while (0)

/* Prints "<name>: N checks, M failed" and returns the process exit status. */
static inline int test_summary(const char *name)
{
  printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
  return test_failures ? 1 : 0;
}

#endif
