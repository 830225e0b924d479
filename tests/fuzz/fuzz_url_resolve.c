/* fuzz_url_resolve.c - linkcheck's relative-URL resolution: line 1 is the page's URL, line 2
 * its <base href>, every further line an href as a page wrote it; an odd input size keeps
 * fragments (--fragments). Every link kept must be an absolute http(s) URL (or, on a file:
 * page, a file: URL) without a fragment unless fragments are kept, or an href that does not
 * resolve, kept as written (the check then reports it as a bad URL). */
#include <stdio.h>
#include <strings.h>

#include "buffer.h"
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
  buffer digest = { 0 };
  int ok = 1;
  for (size_t k = 1; k < n; k++) /* the digest a page with these hrefs and base gives */
    ok &= buffer_append(&digest, k == 1 ? "B" : "L", 1) == 0 &&
          buffer_append(&digest, lines[k], strlen(lines[k]) + 1) == 0;
  if (n >= 2 && ok) {
    link_set set;
    link_filters f;
    memset(&f, 0, sizeof f);
    f.internal = 1;
    f.fragments = size % 2;
    f.root_url = "file:///srv/site";
    int file_page = strncasecmp(lines[0], "file:", 5) == 0;
    link_set_init(&set);
    if (link_set_add_page(&set, &f, 0, lines[0], digest.p, digest.len) == 0) {
      size_t off = 0; /* the links are NUL-separated in text (pointers come when shared) */
      for (size_t i = 0; i < set.urls.n; i++) {
        const char *u = set.urls.text + off;
        FUZZ_ASSERT(written_as_is(u, lines + 2, n - 2) ||
                    ((strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 ||
                      (file_page && strncmp(u, "file:", 5) == 0)) &&
                     (f.fragments || strchr(u, '#') == NULL)));
        off += strlen(u) + 1;
      }
      FUZZ_ASSERT(off == set.urls.len);
    }
    link_set_free(&set);
  }
  buffer_free(&digest);
  free(s);
  return 0;
}
