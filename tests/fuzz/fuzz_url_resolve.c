/* fuzz_url_resolve.c - linkcheck's relative-URL resolution: line 1 is the page's URL, line 2
 * its <base href>, every further line an href as a page wrote it. Every link kept must be an
 * absolute http(s) URL without a fragment, or an href that does not resolve, kept as written
 * (the check then reports it as a bad URL). */
#include <stdio.h>

#include "fuzz_util.h"
#include "link_set.h"

enum { MAX_HREFS = 256 };

/* Whether u is one of the hrefs as written, leading blanks aside. */
static int written_as_is(const char *u, char **hrefs, size_t n)
{
  for (size_t k = 0; k < n; k++) {
    const char *h = hrefs[k] + strspn(hrefs[k], " \t\n\r");
    if (strcmp(u, h) == 0)
      return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *s = fuzz_string(data, size);
  if (!s)
    return 0;
  char *lines[MAX_HREFS + 2];
  size_t n = fuzz_lines(s, lines, MAX_HREFS + 2);
  if (n >= 2) {
    link_set set;
    link_filters f;
    memset(&f, 0, sizeof f);
    f.internal = 1;
    link_set_init(&set);
    if (link_set_add_page(&set, &f, 0, lines[0], lines[1], (const char *const *)lines + 2,
                          n - 2) == 0) {
      size_t off = 0; /* the links are NUL-separated in text (pointers come when shared) */
      for (size_t i = 0; i < set.urls.n; i++) {
        const char *u = set.urls.text + off;
        FUZZ_ASSERT(written_as_is(u, lines + 2, n - 2) ||
                    ((strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0) &&
                     strchr(u, '#') == NULL));
        off += strlen(u) + 1;
      }
      FUZZ_ASSERT(off == set.urls.len);
    }
    link_set_free(&set);
  }
  free(s);
  return 0;
}
