/* crawl_scope.h - what --recursive follows: pages on a start URL's origin (--scope host) or
 * under its directory (--scope prefix), that the origin's robots.txt lets linkcheck fetch
 * (unless --ignore-robots). Rank 0 holds it. */
#ifndef SRC_CRAWL_SCOPE_H
#define SRC_CRAWL_SCOPE_H

#include <stddef.h>

#include "fetch.h"
#include "robots.h"
#include "url_list.h"

enum { SCOPE_HOST, SCOPE_PREFIX };

typedef struct crawl_origin {
  char *origin;  /* "scheme://host:port", lower case */
  char *prefix;  /* the start URL's path up to its last '/' (SCOPE_PREFIX) */
  robots rules;
} crawl_origin;

typedef struct crawl_scope {
  int mode;      /* SCOPE_HOST or SCOPE_PREFIX */
  crawl_origin *o;
  size_t n, cap;
  size_t robots_skipped; /* in scope, but robots.txt says no */
} crawl_scope;

/* The scope of the start URLs starts[0..n) (each as asked for and, after a redirect, as
 * answered: give both). Returns 0 or STATUS_SYSTEM. */
int crawl_scope_init(crawl_scope *c, int mode, const char *const *starts, size_t n);

/* Fetches each origin's robots.txt with net's options (on this process alone); a missing or
 * unreadable one allows everything. Returns 0 or STATUS_SYSTEM. */
int crawl_scope_robots(crawl_scope *c, const fetch_config *net);

/* url (without fragment) is a page to crawl: 1 in scope and allowed, 0 out of scope, -1 in
 * scope but disallowed by robots.txt (counted). */
int crawl_scope_follows(crawl_scope *c, const char *url);

/* url is in scope, whatever robots.txt says. */
int crawl_scope_holds(const crawl_scope *c, const char *url);

void crawl_scope_free(crawl_scope *c);

#endif
