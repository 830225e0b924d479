/* fuzz_html_links.c - linkcheck's HTML link extraction (libxml2's SAX parser over hostile
 * pages, with and without --all-elements): every link and anchor handed out is a C string,
 * the <base href> fits its buffer. */
#include <stdio.h>

#include "fuzz_util.h"
#include "html_links.h"

static void take(void *ctx, int kind, const char *value)
{
  size_t *n = ctx;
  FUZZ_ASSERT(kind == HTML_LINK || kind == HTML_ANCHOR);
  *n += strlen(value) + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char base[64];
  size_t bytes = 0;
  memset(base, 'x', sizeof base);
  if (html_links_parse((const char *)data, size, size % 2, take, &bytes, base, sizeof base) == 0)
    FUZZ_ASSERT(memchr(base, '\0', sizeof base) != NULL);
  return 0;
}
