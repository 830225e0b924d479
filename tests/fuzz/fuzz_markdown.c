/* fuzz_markdown.c - linkcheck's Markdown reader (cmark, with raw HTML through libxml2) over
 * hostile files, with and without --all-elements: every link and anchor handed out is a C
 * string; a heading's slug has no upper-case ASCII and no space. */
#include <ctype.h>
#include <stdio.h>

#include "fuzz_util.h"
#include "markdown_links.h"

static void take(void *ctx, int kind, const char *value)
{
  size_t *n = ctx;
  FUZZ_ASSERT(kind == HTML_LINK || kind == HTML_ANCHOR);
  *n += strlen(value) + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  size_t bytes = 0;
  char slug[64];
  markdown_links_parse((const char *)data, size, size % 2, take, &bytes);
  char *s = fuzz_string(data, size);
  if (!s)
    return 0;
  markdown_slug(s, slug, sizeof slug);
  for (const char *p = slug; *p; p++)
    FUZZ_ASSERT(!isupper((unsigned char)*p) && *p != ' ');
  free(s);
  return 0;
}
