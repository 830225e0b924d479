/* link_set.h - the links to check: every href of every page resolved against the page's URL
 * (or its <base href>), without its fragment, filtered (scheme, internal or external,
 * --include/--exclude) and de-duplicated, in order of first appearance, with the pages each
 * appears on and how often. */
#ifndef SRC_LINK_SET_H
#define SRC_LINK_SET_H

#include <regex.h>
#include <stddef.h>

#include "strmap.h"
#include "url_list.h"

#define LINK_FILTERS_MAX 8

typedef struct link_filters {
  int internal;              /* 1: check links to the page's own host too */
  regex_t include[LINK_FILTERS_MAX], exclude[LINK_FILTERS_MAX];
  int n_include, n_exclude;
} link_filters;

typedef struct link_set {
  url_list urls;     /* the distinct links */
  strmap index;      /* link -> position in urls */
  size_t *count;     /* occurrences of each */
  size_t **pages;    /* the distinct pages each appears on (indices into the page list) */
  size_t *npages;
  size_t cap;
  size_t found;      /* hrefs seen */
  size_t same_page, internal, other_scheme, filtered; /* hrefs skipped, by reason */
  int failed;        /* out of memory */
} link_set;

void link_set_init(link_set *s);
void link_set_free(link_set *s);

/* Adds the links of one page: hrefs as written, resolved against page_url and the page's
 * <base href> (may be ""). Returns 0, or STATUS_SYSTEM when memory ran out. */
int link_set_add_page(link_set *s, const link_filters *f, size_t page, const char *page_url,
                      const char *base, const char *const *hrefs, size_t n);

#endif
