/* markdown_links.c - one walk over cmark's tree: links and images by their node, headings by
 * the plain text of their inline children, raw HTML handed to html_links (markdown_links.h). */
#define _POSIX_C_SOURCE 200809L
#include "markdown_links.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "status.h"
#include "strmap.h"

/* The UTF-8 sequence at p: its code point and length; a byte that starts no valid sequence is
 * itself (length 1, code point -1). */
static long utf8_at(const unsigned char *p, size_t *len)
{
  int n = p[0] >= 0xF0 && p[0] < 0xF5 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  long cp = n == 4 ? p[0] & 7 : n == 3 ? p[0] & 15 : p[0] & 31;
  for (int k = 1; k < n; k++) {
    if ((p[k] & 0xC0) != 0x80) {
      n = 0;
      break;
    }
    cp = cp << 6 | (p[k] & 63);
  }
  *len = n ? (size_t)n : 1;
  return n ? cp : -1;
}

/* What github-slugger does to a code point past ASCII, for the scripts headings use most:
 * symbols, punctuation and emoji dropped (-1), capitals of Latin-1, Latin Extended-A, Greek
 * and Cyrillic lowercased, anything else kept. The lower case has the same UTF-8 length. */
static long slug_code_point(long cp)
{
  if ((cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
      (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
      (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE0000 && cp <= 0xE007F))
    return -1;
  if ((cp >= 0xC0 && cp <= 0xDE) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
      (cp >= 0x410 && cp <= 0x42F))
    return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F)
    return cp + 0x50;
  if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0 && cp != 0x138)
    return cp + 1;
  return cp;
}

static size_t utf8_put(long cp, unsigned char *b)
{
  if (cp < 0x800) {
    b[0] = (unsigned char)(0xC0 | cp >> 6);
    b[1] = (unsigned char)(0x80 | (cp & 63));
    return 2;
  }
  if (cp < 0x10000) {
    b[0] = (unsigned char)(0xE0 | cp >> 12);
    b[1] = (unsigned char)(0x80 | (cp >> 6 & 63));
    b[2] = (unsigned char)(0x80 | (cp & 63));
    return 3;
  }
  b[0] = (unsigned char)(0xF0 | cp >> 18);
  b[1] = (unsigned char)(0x80 | (cp >> 12 & 63));
  b[2] = (unsigned char)(0x80 | (cp >> 6 & 63));
  b[3] = (unsigned char)(0x80 | (cp & 63));
  return 4;
}

size_t markdown_slug(const char *heading, char *out, size_t n)
{
  size_t len = 0, step;
  for (const unsigned char *p = (const unsigned char *)heading; *p; p += step) {
    unsigned char put[4];
    size_t k = 1;
    long cp = p[0] < 0x80 ? p[0] : utf8_at(p, &step);
    if (p[0] < 0x80) {
      step = 1;
      unsigned char c = p[0];
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c - 'A' + 'a');
      else if (c == ' ')
        c = '-';
      else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
        continue;
      put[0] = c;
    } else if (cp < 0) {
      put[0] = p[0]; /* not UTF-8: kept as it is */
    } else if ((cp = slug_code_point(cp)) < 0) {
      continue;
    } else {
      k = utf8_put(cp, put);
    }
    /* A slug byte never outruns its source byte, so writing in place clobbers nothing unread:
     * the lower case of a letter is as long as the letter. */
    for (size_t i = 0; i < k; i++, len++)
      if (len + 1 < n)
        out[len] = (char)put[i];
  }
  if (n > 0)
    out[len < n ? len : n - 1] = '\0';
  return len;
}

/* The slugs a page has given out, and for each how many repeats of it have been numbered. */
typedef struct slug_set {
  strmap seen; /* slug -> its index in repeats */
  size_t *repeats;
  size_t n, cap;
} slug_set;

/* The text a browser shows for a heading, into b (NUL-terminated even when empty): text and
 * code spans at any depth, so link text and emphasis count, but not URLs, tags or an image's
 * alt text, which GitHub's renderer does not show as text either. Line breaks add nothing: the
 * newline they stand for is not a character a slug keeps. Returns 0 or STATUS_SYSTEM. */
static int heading_text(cmark_node *heading, buffer *b)
{
  int rc = STATUS_SYSTEM;
  cmark_iter *it = cmark_iter_new(heading);
  b->len = 0;
  if (!it || buffer_append(b, "", 0) != 0)
    goto out;
  while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    cmark_node_type type = cmark_node_get_type(node);
    if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
      continue;
    if (type == CMARK_NODE_IMAGE) {
      cmark_iter_reset(it, node, CMARK_EVENT_EXIT); /* skips the alt text below it */
    } else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      const char *literal = cmark_node_get_literal(node);
      if (literal && buffer_append(b, literal, strlen(literal)) != 0)
        goto out;
    }
  }
  rc = 0;
out:
  if (it)
    cmark_iter_free(it);
  return rc;
}

/* Reports the anchor for the slug in b as github-slugger names it: the bare slug the first
 * time, then slug-1, slug-2, ... counted per bare slug, skipping any name an earlier heading
 * already holds ("a", "a-1", "a" gives "a", "a-1", "a-2"). Returns 0 or STATUS_SYSTEM. */
static int report_anchor(slug_set *s, buffer *b, html_item_fn *fn, void *ctx)
{
  size_t bare_len = b->len, bare = strmap_get(&s->seen, b->p);
  char suffix[24];
  if (bare != (size_t)-1) {
    do {
      int k = snprintf(suffix, sizeof suffix, "-%zu", ++s->repeats[bare]);
      b->len = bare_len;
      if (buffer_append(b, suffix, (size_t)k) != 0)
        return STATUS_SYSTEM;
    } while (strmap_get(&s->seen, b->p) != (size_t)-1);
  }
  if (buffer_grow(&s->repeats, &s->cap, s->n + 1, sizeof *s->repeats) != 0 ||
      strmap_put(&s->seen, b->p, s->n) != s->n)
    return STATUS_SYSTEM;
  s->repeats[s->n++] = 0;
  fn(ctx, HTML_ANCHOR, b->p);
  return 0;
}

int markdown_links_parse(const char *text, size_t len, int all_elements, html_item_fn *fn,
                         void *ctx)
{
  int rc = STATUS_SYSTEM;
  slug_set slugs = { .n = 0 };
  buffer heading = { NULL, 0, 0 };
  cmark_iter *it = NULL;
  /* cmark's own allocator aborts when memory runs out; the NULL checks guard a future one. */
  cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
  strmap_init(&slugs.seen);
  if (!doc)
    goto out;
  it = cmark_iter_new(doc);
  if (!it)
    goto out;
  while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
    cmark_node *node = cmark_iter_get_node(it);
    const char *value;
    if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
      continue;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_LINK: /* reference links and autolinks too: cmark resolved them all */
    case CMARK_NODE_IMAGE:
      value = cmark_node_get_url(node);
      if (all_elements || cmark_node_get_type(node) == CMARK_NODE_LINK)
        fn(ctx, HTML_LINK, value ? value : "");
      break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      /* An inline tag arrives alone ("<a href=x>" without its "</a>"); libxml2 recovers. */
      value = cmark_node_get_literal(node);
      if (value && html_links_parse(value, strlen(value), all_elements, fn, ctx, NULL, 0) != 0)
        goto out;
      break;
    case CMARK_NODE_HEADING:
      if (heading_text(node, &heading) != 0)
        goto out;
      heading.len = markdown_slug(heading.p, heading.p, heading.len + 1);
      if (report_anchor(&slugs, &heading, fn, ctx) != 0)
        goto out;
      break;
    default: /* code spans and code blocks hold no links; the rest is structure */
      break;
    }
  }
  rc = 0;
out:
  if (it)
    cmark_iter_free(it);
  if (doc)
    cmark_node_free(doc);
  buffer_free(&heading);
  strmap_free(&slugs.seen);
  free(slugs.repeats);
  return rc;
}
