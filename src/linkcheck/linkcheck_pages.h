/* linkcheck_pages.h - the pages linkcheck reads links from: URLs fetched (all at once, with
 * fetch's backend and options), HTML files read, directories walked for *.html and *.htm in
 * name order. Each page keeps the URL its relative links resolve against. */
#ifndef SRC_LINKCHECK_PAGES_H
#define SRC_LINKCHECK_PAGES_H

#include <stddef.h>

#include "fetch.h"

typedef struct page {
  char *name; /* as the user named it (a file inside a directory: its path) */
  char *url;  /* the URL after redirects, or file:///absolute/path */
  char *text;
  size_t len;
} page;

typedef struct page_list {
  page *p;
  size_t n, cap;
} page_list;

/* Loads the pages named by names[0..n). A page that cannot be read or fetched is reported on
 * stderr ("linkcheck: NAME: why") and left out. Returns 0; STATUS_USAGE when some page was
 * left out (the others are loaded); STATUS_SYSTEM when memory or libcurl failed. */
int linkcheck_pages_load(const fetch_config *net, char *const *names, int n, page_list *out);

void linkcheck_pages_free(page_list *l);

#endif
