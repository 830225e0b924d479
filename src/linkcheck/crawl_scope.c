/* crawl_scope.c - origins and prefixes from curl's URL parser, robots.txt fetched with
 * fetch_run. */
#define _POSIX_C_SOURCE 200809L
#include "crawl_scope.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "fetch_hosts.h"
#include "status.h"

#define ROBOTS_AGENT "linkcheck" /* the product token robots.txt groups may name */

/* The origin ("scheme://host:port", lower case: fetch_host_key, the key of the per-host
 * limits) and path (with query) of url, malloc'd; -1 when it does not parse. */
static int split_url(const char *url, char **origin, char **path)
{
  CURLU *u = curl_url();
  char key[1024], *p = NULL, *q = NULL;
  int rc = -1;
  *origin = *path = NULL;
  if (!u)
    return -1;
  fetch_host_key(u, url, key, sizeof key);
  if (key[0] && curl_url_get(u, CURLUPART_PATH, &p, 0) == CURLUE_OK) {
    curl_url_get(u, CURLUPART_QUERY, &q, 0);
    size_t m = strlen(p) + (q ? strlen(q) + 1 : 0) + 1;
    *origin = strdup(key);
    *path = malloc(m);
    if (*origin && *path) {
      snprintf(*path, m, "%s%s%s", p, q ? "?" : "", q ? q : "");
      rc = 0;
    }
  }
  if (rc != 0) {
    free(*origin);
    free(*path);
    *origin = *path = NULL;
  }
  curl_free(p);
  curl_free(q);
  curl_url_cleanup(u);
  return rc;
}

int crawl_scope_init(crawl_scope *c, int mode, const char *const *starts, size_t n)
{
  memset(c, 0, sizeof *c);
  c->mode = mode;
  for (size_t k = 0; k < n; k++) {
    char *origin, *path;
    if (split_url(starts[k], &origin, &path) != 0)
      continue; /* a page that does not parse is reported when it is fetched */
    char *q = strchr(path, '?');
    if (q)
      *q = '\0';
    char *slash = strrchr(path, '/');
    if (slash)
      slash[1] = '\0';
    if (buffer_grow(&c->o, &c->cap, c->n + 1, sizeof *c->o) != 0) {
      free(origin);
      free(path);
      return STATUS_SYSTEM;
    }
    c->o[c->n++] = (crawl_origin){ origin, path, { 0 } };
  }
  return 0;
}

typedef struct robots_fetch {
  crawl_scope *c;
  int failed;
} robots_fetch;

/* RFC 9309 2.3.1: a 2xx is parsed (its first 500 KiB at least: all of it up to the cap); a
 * 4xx means no rules; a 5xx, or no answer, means the site may not be crawled at all. */
static void take_robots(void *ctx, size_t k, fetch_result *r)
{
  static const char none[] = "User-agent: *\nDisallow: /\n";
  robots_fetch *f = ctx;
  int rc = 0;
  if (r->error == FETCH_OK && r->status >= 200 && r->status < 300)
    rc = robots_parse(&f->c->o[k].rules, r->body ? r->body : "", r->body_len, ROBOTS_AGENT);
  else if (!(r->error == FETCH_OK && r->status >= 400 && r->status < 500))
    rc = robots_parse(&f->c->o[k].rules, none, sizeof none - 1, ROBOTS_AGENT);
  f->failed |= rc != 0;
}

int crawl_scope_robots(crawl_scope *c, const fetch_config *net)
{
  const char **urls = calloc(c->n + 1, sizeof *urls);
  int rc = urls ? 0 : STATUS_SYSTEM;
  for (size_t k = 0; rc == 0 && k < c->n; k++) {
    size_t n = strlen(c->o[k].origin) + sizeof "/robots.txt";
    char *u = malloc(n);
    if (!u)
      rc = STATUS_SYSTEM;
    else
      snprintf(u, n, "%s/robots.txt", c->o[k].origin);
    urls[k] = u;
  }
  fetch_config rc_cfg = *net;
  rc_cfg.keep_body = 1;
  rc_cfg.status_only = rc_cfg.body_if_html = 0;
  rc_cfg.digest = NULL;
  rc_cfg.method = FETCH_GET;
  rc_cfg.progress = 0;
  rc_cfg.max_bytes = 8 << 20; /* RFC 9309: a crawler parses at least 500 KiB; past the cap,
                                * it is taken as unreachable: nothing is crawled */
  robots_fetch f = { c, 0 };
  if (rc == 0)
    rc = fetch_run(&rc_cfg, urls, c->n, take_robots, &f);
  for (size_t k = 0; urls && k < c->n; k++)
    free((char *)urls[k]);
  free(urls);
  return rc != 0 || f.failed ? STATUS_SYSTEM : 0;
}

/* The origin of c that holds url in its scope, or -1; *path gets url's path (malloc'd) when
 * one does. */
static long scope_of(const crawl_scope *c, const char *url, char **path)
{
  char *origin;
  long found = -1;
  if (split_url(url, &origin, path) != 0)
    return -1;
  for (size_t k = 0; k < c->n && found < 0; k++)
    if (strcmp(c->o[k].origin, origin) == 0 &&
        (c->mode == SCOPE_HOST || strncmp(*path, c->o[k].prefix, strlen(c->o[k].prefix)) == 0))
      found = (long)k;
  free(origin);
  if (found < 0) {
    free(*path);
    *path = NULL;
  }
  return found;
}

int crawl_scope_holds(const crawl_scope *c, const char *url)
{
  char *path = NULL;
  long k = scope_of(c, url, &path);
  free(path);
  return k >= 0;
}

int crawl_scope_follows(crawl_scope *c, const char *url)
{
  char *path = NULL;
  long k = scope_of(c, url, &path);
  if (k < 0)
    return 0;
  int allowed = robots_allowed(&c->o[k].rules, path);
  free(path);
  c->robots_skipped += !allowed;
  return allowed ? 1 : -1;
}

void crawl_scope_free(crawl_scope *c)
{
  for (size_t k = 0; k < c->n; k++) {
    free(c->o[k].origin);
    free(c->o[k].prefix);
    robots_free(&c->o[k].rules);
  }
  free(c->o);
  memset(c, 0, sizeof *c);
}
