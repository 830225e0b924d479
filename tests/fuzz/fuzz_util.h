/* fuzz_util.h - what the fuzz harnesses share: the libFuzzer entry point's signature, and the
 * input as a NUL-terminated copy (the parsers take C strings). */
#ifndef TESTS_FUZZ_UTIL_H
#define TESTS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A malloc'd copy of data with a NUL after it (NULL when out of memory). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
  char *s = malloc(size + 1);
  if (s) {
    memcpy(s, data, size);
    s[size] = '\0';
  }
  return s;
}

/* Cuts s at its newlines (in place) into at most max lines; returns how many. */
static inline size_t fuzz_lines(char *s, char **lines, size_t max)
{
  size_t n = 0;
  for (char *p = s; n < max;) {
    lines[n++] = p;
    char *nl = strchr(p, '\n');
    if (!nl)
      break;
    *nl = '\0';
    p = nl + 1;
  }
  return n;
}

/* Stops the harness with a message when an invariant fails: libFuzzer reports the abort as a
 * crash and saves the input. */
#define FUZZ_ASSERT(cond)                                                                     \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);            \
      abort();                                                                                \
    }                                                                                         \
  } while (0)

#endif
