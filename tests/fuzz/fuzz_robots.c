/* fuzz_robots.c - the robots.txt parser and matcher over hostile files: line 1 is the path
 * asked about, the rest the file. An empty rule set allows everything; the verdict is 0 or
 * 1; a path a rule names exactly (without wildcards) follows that rule when it is the only
 * one. */
#include <stdio.h>

#include "fuzz_util.h"
#include "robots.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *s = fuzz_string(data, size);
  if (!s)
    return 0;
  char *nl = strchr(s, '\n');
  const char *path = s, *text = nl ? nl + 1 : "";
  if (nl)
    *nl = '\0';
  robots r;
  if (robots_parse(&r, text, strlen(text), "linkcheck") == 0) {
    int v = robots_allowed(&r, path);
    FUZZ_ASSERT(v == 0 || v == 1);
    FUZZ_ASSERT(r.n > 0 || v == 1);
    if (r.n == 1 && !strpbrk(r.rules[0].pattern, "*$"))
      FUZZ_ASSERT(robots_allowed(&r, r.rules[0].pattern) == r.rules[0].allow);
    robots_free(&r);
  }
  free(s);
  return 0;
}
