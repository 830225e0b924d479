/* link_set.c - resolution with curl's URL parser (RFC 3986 relative references, and the same
 * normalisation curl applies when it requests the link), filtering and de-duplication of
 * links and of their targets. */
#define _POSIX_C_SOURCE 200809L
#include "link_set.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buffer.h"
#include "html_links.h"
#include "page_digest.h"
#include "status.h"

void link_set_init(link_set *s)
{
  memset(s, 0, sizeof *s);
  strmap_init(&s->index);
  strmap_init(&s->target_index);
}

void link_set_free(link_set *s)
{
  for (size_t i = 0; s->pages && i < s->urls.n; i++)
    free(s->pages[i]);
  free(s->pages);
  free(s->npages);
  free(s->count);
  free(s->target);
  url_list_free(&s->urls);
  url_list_free(&s->targets);
  strmap_free(&s->index);
  strmap_free(&s->target_index);
  memset(s, 0, sizeof *s);
}

/* Makes room for one more link in the four arrays that share s->cap. Returns 0 or
 * STATUS_SYSTEM. */
static int grow(link_set *s)
{
  size_t need = s->urls.n + 1, c1 = s->cap, c2 = s->cap, c3 = s->cap, c4 = s->cap;
  /* From one capacity to the same need, each array grows alike; one that grew before another
   * failed keeps its larger block, which is harmless. */
  if (buffer_grow(&s->count, &c1, need, sizeof *s->count) != 0 ||
      buffer_grow(&s->pages, &c2, need, sizeof *s->pages) != 0 ||
      buffer_grow(&s->npages, &c3, need, sizeof *s->npages) != 0 ||
      buffer_grow(&s->target, &c4, need, sizeof *s->target) != 0)
    return STATUS_SYSTEM;
  s->cap = c1;
  return 0;
}

size_t link_set_target(link_set *s, const char *url)
{
  size_t t = strmap_get(&s->target_index, url);
  if (t != (size_t)-1)
    return t;
  t = s->targets.n;
  if (strmap_put(&s->target_index, url, t) != t ||
      url_list_add(&s->targets, url, strlen(url)) != 0)
    return (size_t)-1;
  return t;
}

/* Counts one appearance of url (whose target is target) on page. Returns 0 or
 * STATUS_SYSTEM. */
static int record(link_set *s, const char *url, const char *target, size_t page)
{
  size_t i = strmap_get(&s->index, url);
  if (i == (size_t)-1) {
    i = s->urls.n;
    size_t t = link_set_target(s, target);
    if (t == (size_t)-1 || grow(s) != 0 || strmap_put(&s->index, url, i) != i ||
        url_list_add(&s->urls, url, strlen(url)) != 0)
      return STATUS_SYSTEM;
    s->target[i] = t;
    s->count[i] = 0;
    s->pages[i] = NULL;
    s->npages[i] = 0;
  }
  s->count[i]++;
  size_t k = s->npages[i];
  if (k > 0 && s->pages[i][k - 1] == page) /* pages are added in order: only the last can match */
    return 0;
  /* 0, 1, 2, 4, ...: doubling, its capacity read from the count. Not buffer_grow: most links
   * sit on one page, and a capacity field and buffer_grow's 16 slots per link would cost
   * 100,000 links many megabytes. */
  if ((k & (k - 1)) == 0) {
    size_t *p = realloc(s->pages[i], (k ? 2 * k : 1) * sizeof *p);
    if (!p)
      return STATUS_SYSTEM;
    s->pages[i] = p;
  }
  s->pages[i][k] = page;
  s->npages[i] = k + 1;
  return 0;
}

static int http_scheme(const char *scheme)
{
  return strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0;
}

static int filtered_out(const link_filters *f, const char *url)
{
  int in = f->n_include == 0;
  for (int k = 0; !in && k < f->n_include; k++)
    in = regexec(&f->include[k], url, 0, NULL, 0) == 0;
  for (int k = 0; in && k < f->n_exclude; k++)
    in = regexec(&f->exclude[k], url, 0, NULL, 0) != 0;
  return !in;
}

/* "host:port" of a parsed URL (the default port filled in), or NULL when it has no host (a
 * file page). Two links are internal to each other when these agree. Caller frees. */
static char *host_of(CURLU *u)
{
  char *h = NULL, *port = NULL, *both = NULL;
  if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    both = malloc(strlen(h) + strlen(port) + 2);
    if (both) {
      memcpy(both, h, strlen(h));
      both[strlen(h)] = ':';
      memcpy(both + strlen(h) + 1, port, strlen(port) + 1);
    }
  }
  curl_free(h);
  curl_free(port);
  return both;
}

/* The length of href's scheme ("mailto" in "mailto:x"), 0 when it has none (RFC 3986: a
 * letter, then letters, digits, '+', '-', '.', then ':'). */
static size_t scheme_length(const char *href)
{
  size_t k = 0;
  if (!((href[0] >= 'a' && href[0] <= 'z') || (href[0] >= 'A' && href[0] <= 'Z')))
    return 0;
  while (href[k] && (strchr("+-.", href[k]) || (href[k] >= '0' && href[k] <= '9') ||
                     (href[k] >= 'a' && href[k] <= 'z') || (href[k] >= 'A' && href[k] <= 'Z')))
    k++;
  return href[k] == ':' ? k : 0;
}

/* One page's resolution context: its parsed URL (or base), its host, whether it is a file. */
typedef struct page_ctx {
  link_set *s;
  const link_filters *f;
  size_t page;
  CURLU *base;
  char *host;
  int is_file, failed;
} page_ctx;

/* A local page's link that starts with one '/' is a path under the root directory: the URL to
 * resolve instead, malloc'd (NULL: out of memory). */
static char *under_root(const page_ctx *c, const char *href)
{
  size_t n = strlen(c->f->root_url) + strlen(href) + 1;
  char *u = malloc(n);
  if (u)
    snprintf(u, n, "%s%s", c->f->root_url, href);
  return u;
}

/* Records href as written (curl could not parse it: the check reports an invalid URL). */
static int record_unparsed(page_ctx *c, const char *href)
{
  if (filtered_out(c->f, href)) {
    c->s->filtered++;
    return 0;
  }
  return record(c->s, href, href, c->page);
}

/* Resolves, filters and records one link. Returns 0 or STATUS_SYSTEM. */
static int add_link(page_ctx *c, const char *href)
{
  link_set *s = c->s;
  const link_filters *f = c->f;
  char *url = NULL, *scheme = NULL, *host = NULL, *frag = NULL, *rooted = NULL, *link = NULL;
  CURLU *u = NULL;
  int rc = 0;
  s->found++;
  while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
    href++;
  if (*href == '\0' || (*href == '#' && !f->fragments)) {
    s->same_page++;
    return 0;
  }
  size_t k_scheme = scheme_length(href);
  int web = (k_scheme == 4 && strncasecmp(href, "http", 4) == 0) ||
            (k_scheme == 5 && strncasecmp(href, "https", 5) == 0);
  int file = k_scheme == 4 && strncasecmp(href, "file", 4) == 0 && c->is_file;
  if (k_scheme > 0 && !web && !file) {
    s->other_scheme++; /* mailto:, javascript:, ftp:, ...: not web pages to check */
    return 0;
  }
  int wants_root = c->is_file && f->root_url && href[0] == '/' && href[1] != '/';
  rooted = wants_root ? under_root(c, href) : NULL;
  u = curl_url_dup(c->base);
  if (!u || (wants_root && !rooted))
    goto fail;
  /* "#name" is the page (or its base) itself; curl's parser would resolve it to the
   * directory on a file: page. */
  CURLUcode set = *href == '#' ? curl_url_set(u, CURLUPART_FRAGMENT, href + 1, 0)
                               : curl_url_set(u, CURLUPART_URL, rooted ? rooted : href,
                                              CURLU_NON_SUPPORT_SCHEME);
  if (set != CURLUE_OK) {
    rc = record_unparsed(c, href);
    goto out;
  }
  curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0);
  curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
  curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
  host = host_of(u);
  int internal = c->host && host ? strcasecmp(c->host, host) == 0 : !c->host && !host;
  int in_page = *href == '#';
  int local = scheme && strcasecmp(scheme, "file") == 0 && c->is_file;
  if (!scheme || (!http_scheme(scheme) && !local)) {
    s->other_scheme++;
    goto out;
  }
  if (internal && !f->internal && !in_page && !local) {
    s->internal++;
    goto out;
  }
  if (curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK)
    goto fail;
  if (f->fragments && frag && *frag) {
    size_t n = strlen(url) + strlen(frag) + 2;
    link = malloc(n);
    if (!link)
      goto fail;
    snprintf(link, n, "%s#%s", url, frag);
  }
  if (filtered_out(f, link ? link : url))
    s->filtered++;
  else
    rc = record(s, link ? link : url, url, c->page);
  goto out;
fail:
  rc = STATUS_SYSTEM;
out:
  free(link);
  free(rooted);
  curl_free(url);
  curl_free(scheme);
  curl_free(frag);
  free(host);
  curl_url_cleanup(u);
  return rc;
}

static void on_item(void *p, int kind, const char *value)
{
  page_ctx *c = p;
  if (kind == HTML_LINK && !c->failed && add_link(c, value) != 0)
    c->failed = 1;
}

int link_set_add_page(link_set *s, const link_filters *f, size_t page, const char *page_url,
                      const char *digest, size_t digest_len)
{
  const unsigned flags = CURLU_NON_SUPPORT_SCHEME;
  page_ctx c = { s, f, page, curl_url(), NULL, 0, 0 };
  if (!c.base)
    return STATUS_SYSTEM;
  /* The page's own URL always parses (we made it); a <base href> that does not is ignored, as
   * browsers do. */
  curl_url_set(c.base, CURLUPART_URL, page_url, flags);
  c.host = host_of(c.base);
  c.is_file = strncasecmp(page_url, "file:", 5) == 0;
  const char *base = page_digest_base(digest, digest_len);
  if (base[0]) {
    CURLU *b = curl_url_dup(c.base);
    if (b && curl_url_set(b, CURLUPART_URL, base, flags) == CURLUE_OK) {
      curl_url_cleanup(c.base);
      c.base = b;
    } else {
      curl_url_cleanup(b);
    }
  }
  page_digest_each(digest, digest_len, on_item, &c);
  free(c.host);
  curl_url_cleanup(c.base);
  s->failed |= c.failed;
  return c.failed ? STATUS_SYSTEM : 0;
}

const char *link_set_fragment(const link_set *s, size_t i)
{
  const char *h = strchr(s->urls.urls[i], '#');
  return h && strcmp(s->urls.urls[i], s->targets.urls[s->target[i]]) != 0 ? h + 1 : "";
}

int link_set_index(link_set *s)
{
  return url_list_index(&s->urls) != 0 || url_list_index(&s->targets) != 0 ? STATUS_SYSTEM
                                                                             : 0;
}
