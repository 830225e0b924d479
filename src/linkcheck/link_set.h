/* link_set.h - the links to check: every link of every page resolved against the page's URL
 * (or its <base href>; on a local page a link starting with '/' against the root directory),
 * filtered (scheme, internal or external, --include/--exclude) and de-duplicated, in order of
 * first appearance, with the pages each appears on and how often. A link names a target, the
 * URL without its fragment, which is what is fetched or looked up: links that differ only in
 * their fragment (kept with --fragments) share one target, and a page is a target too. */
#ifndef SRC_LINK_SET_H
#define SRC_LINK_SET_H

#include <regex.h>
#include <stddef.h>

#include "strmap.h"
#include "url_list.h"

#define LINK_FILTERS_MAX 8

typedef struct link_filters {
  int internal;              /* 1: check links to the page's own host too */
  int fragments;             /* 1: keep fragments, in-page links included (--fragments) */
  const char *root_url;      /* file:// URL of --root-dir (no trailing '/'); NULL: none */
  regex_t include[LINK_FILTERS_MAX], exclude[LINK_FILTERS_MAX];
  int n_include, n_exclude;
} link_filters;

typedef struct link_set {
  url_list urls;     /* the distinct links (the rows) */
  strmap index;      /* link -> position in urls */
  size_t *count;     /* occurrences of each */
  size_t **pages;    /* the distinct pages each appears on (indices into the page list) */
  size_t *npages;
  size_t *target;    /* the target of each: an index into targets */
  size_t cap;
  url_list targets;  /* the distinct targets: pages and what links name */
  strmap target_index;
  size_t found;      /* links seen */
  size_t same_page, internal, other_scheme, filtered; /* links skipped, by reason */
  int failed;        /* out of memory */
} link_set;

void link_set_init(link_set *s);
void link_set_free(link_set *s);

/* The target index of url (a URL without fragment), added when new. Returns (size_t)-1 when
 * memory ran out. */
size_t link_set_target(link_set *s, const char *url);

/* Adds the links of one page (the HTML_LINK items of its digest, page_digest.h), resolved
 * against page_url and the digest's <base href>. Returns 0, or STATUS_SYSTEM when memory ran
 * out. */
int link_set_add_page(link_set *s, const link_filters *f, size_t page, const char *page_url,
                      const char *digest, size_t digest_len);

/* The fragment of link i ("" when none). */
const char *link_set_fragment(const link_set *s, size_t i);

/* Call once every link and target is in: points urls.urls and targets.urls at the strings.
 * Returns 0 or STATUS_SYSTEM. */
int link_set_index(link_set *s);

#endif
