/* page_digest.c - the records: 'L' link, 'A' anchor, 'B' base, each "K value\0". */
#define _POSIX_C_SOURCE 200809L
#include "page_digest.h"

#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "markdown_links.h"
#include "status.h"

typedef struct digest_out {
  buffer b;
  int failed;
} digest_out;

static void put(digest_out *o, char kind, const char *value)
{
  if (!o->failed && (buffer_append(&o->b, &kind, 1) != 0 ||
                     buffer_append(&o->b, value, strlen(value) + 1) != 0))
    o->failed = 1;
}

static void on_item(void *ctx, int kind, const char *value)
{
  put(ctx, kind == HTML_LINK ? 'L' : 'A', value);
}

int page_digest_make(const char *text, size_t len, int flags, char **out, size_t *outlen)
{
  digest_out o = { { 0 }, 0 };
  char base[2048] = "";
  int all = (flags & DIGEST_ALL_ELEMENTS) != 0;
  int rc = flags & DIGEST_MARKDOWN ? markdown_links_parse(text, len, all, on_item, &o)
                                   : html_links_parse(text, len, all, on_item, &o, base,
                                                      sizeof base);
  if (rc == 0 && base[0])
    put(&o, 'B', base);
  if (rc != 0 || o.failed) {
    buffer_free(&o.b);
    return STATUS_SYSTEM;
  }
  *out = o.b.p;
  *outlen = o.b.len;
  return 0;
}

int page_digest_fetched(fetch_result *r, int flags)
{
  char *d = NULL;
  size_t n = 0;
  if (page_digest_make(r->body, r->body_len, flags & ~DIGEST_MARKDOWN, &d, &n) != 0)
    return -1;
  free(r->body);
  r->body = d;
  r->body_len = n;
  return 0;
}

void page_digest_each(const char *d, size_t n, html_item_fn *fn, void *ctx)
{
  if (!d) /* an empty digest */
    return;
  for (const char *p = d, *end = d + n; p < end; p += strlen(p) + 1)
    if (*p == 'L' || *p == 'A')
      fn(ctx, *p == 'L' ? HTML_LINK : HTML_ANCHOR, p + 1);
}

const char *page_digest_base(const char *d, size_t n)
{
  if (!d)
    return "";
  for (const char *p = d, *end = d + n; p < end; p += strlen(p) + 1)
    if (*p == 'B')
      return p + 1;
  return "";
}

int page_digest_has_anchor(const char *d, size_t n, const char *name)
{
  if (!d)
    return 0;
  for (const char *p = d, *end = d + n; p < end; p += strlen(p) + 1)
    if (*p == 'A' && strcmp(p + 1, name) == 0)
      return 1;
  return 0;
}
