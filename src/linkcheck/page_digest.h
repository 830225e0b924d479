/* page_digest.h - what linkcheck keeps of a page: its links, the anchors a fragment may name
 * and its <base href>, as one block of records (a kind byte, the value, a NUL). A page is
 * read once, where it was fetched or on rank 0 for a file; only its digest travels between
 * ranks and stays in memory, not its text. */
#ifndef SRC_PAGE_DIGEST_H
#define SRC_PAGE_DIGEST_H

#include <stddef.h>

#include "fetch.h"
#include "html_links.h"

enum {
  DIGEST_ALL_ELEMENTS = 1, /* img, script, link, iframe, source too (--all-elements) */
  DIGEST_MARKDOWN = 2,     /* the text is Markdown (CommonMark), not HTML */
};

/* The digest of text[0..len) into *out (malloc'd; *outlen bytes; NULL for an empty one).
 * Returns 0 or STATUS_SYSTEM (memory). */
int page_digest_make(const char *text, size_t len, int flags, char **out, size_t *outlen);

/* fetch's digest hook: r's HTML body replaced by its digest (flags as above). */
int page_digest_fetched(fetch_result *r, int flags);

/* Calls fn for each link and anchor of digest d[0..n), in page order. */
void page_digest_each(const char *d, size_t n, html_item_fn *fn, void *ctx);

/* The page's <base href>, or "". */
const char *page_digest_base(const char *d, size_t n);

/* The digest names anchor name. */
int page_digest_has_anchor(const char *d, size_t n, const char *name);

#endif
