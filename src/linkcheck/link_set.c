/* link_set.c - resolution with curl's URL parser (RFC 3986 relative references, and the same
 * normalisation curl applies when it requests the link), filtering and de-duplication. */
#define _POSIX_C_SOURCE 200809L
#include "link_set.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buffer.h"
#include "status.h"

void link_set_init(link_set *s)
{
  memset(s, 0, sizeof *s);
  strmap_init(&s->index);
}

void link_set_free(link_set *s)
{
  for (size_t i = 0; s->pages && i < s->urls.n; i++)
    free(s->pages[i]);
  free(s->pages);
  free(s->npages);
  free(s->count);
  url_list_free(&s->urls);
  strmap_free(&s->index);
  memset(s, 0, sizeof *s);
}

/* Makes room for one more link in the three arrays that share s->cap. Returns 0 or
 * STATUS_SYSTEM. */
static int grow(link_set *s)
{
  size_t need = s->urls.n + 1, c1 = s->cap, c2 = s->cap, c3 = s->cap;
  /* From one capacity to the same need, each array grows alike; one that grew before another
   * failed keeps its larger block, which is harmless. */
  if (buffer_grow(&s->count, &c1, need, sizeof *s->count) != 0 ||
      buffer_grow(&s->pages, &c2, need, sizeof *s->pages) != 0 ||
      buffer_grow(&s->npages, &c3, need, sizeof *s->npages) != 0)
    return STATUS_SYSTEM;
  s->cap = c1;
  return 0;
}

/* Counts one appearance of url on page. Returns 0 or STATUS_SYSTEM. */
static int record(link_set *s, const char *url, size_t page)
{
  size_t i = strmap_get(&s->index, url);
  if (i == (size_t)-1) {
    i = s->urls.n;
    if (grow(s) != 0 || strmap_put(&s->index, url, i) != i ||
        url_list_add(&s->urls, url, strlen(url)) != 0)
      return STATUS_SYSTEM;
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

int link_set_add_page(link_set *s, const link_filters *f, size_t page, const char *page_url,
                      const char *base, const char *const *hrefs, size_t n)
{
  const unsigned flags = CURLU_NON_SUPPORT_SCHEME;
  CURLU *page_u = curl_url(), *u = NULL;
  char *page_host = NULL;
  int rc = STATUS_SYSTEM;
  if (!page_u)
    return STATUS_SYSTEM;
  /* The page's own URL always parses (we made it); a <base href> that does not is ignored, as
   * browsers do. */
  curl_url_set(page_u, CURLUPART_URL, page_url, flags);
  page_host = host_of(page_u);
  if (base[0]) {
    CURLU *b = curl_url_dup(page_u);
    if (b && curl_url_set(b, CURLUPART_URL, base, flags) == CURLUE_OK) {
      curl_url_cleanup(page_u);
      page_u = b;
    } else {
      curl_url_cleanup(b);
    }
  }
  for (size_t k = 0; k < n; k++) {
    const char *href = hrefs[k];
    char *url = NULL, *scheme = NULL, *host = NULL;
    s->found++;
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
      href++;
    if (*href == '\0' || *href == '#') {
      s->same_page++;
      continue;
    }
    size_t k_scheme = scheme_length(href);
    if (k_scheme > 0 && !((k_scheme == 4 && strncasecmp(href, "http", 4) == 0) ||
                          (k_scheme == 5 && strncasecmp(href, "https", 5) == 0))) {
      s->other_scheme++; /* mailto:, javascript:, ftp:, ...: not web pages to check */
      continue;
    }
    u = curl_url_dup(page_u);
    if (!u)
      goto out;
    if (curl_url_set(u, CURLUPART_URL, href, flags) != CURLUE_OK) {
      /* Kept as written: the check reports it as an invalid URL. */
      int out = filtered_out(f, href), r = out ? 0 : record(s, href, page);
      s->filtered += out != 0;
      curl_url_cleanup(u);
      if (r != 0)
        goto out;
      continue;
    }
    curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
    host = host_of(u);
    int internal = page_host && host ? strcasecmp(page_host, host) == 0 : !page_host && !host;
    int r = 0;
    if (internal && !f->internal)
      s->internal++;
    else if (!scheme || !http_scheme(scheme))
      s->other_scheme++;
    else if (curl_url_get(u, CURLUPART_URL, &url, 0) != CURLUE_OK)
      r = -1;
    else if (filtered_out(f, url))
      s->filtered++;
    else
      r = record(s, url, page);
    curl_free(url);
    curl_free(scheme);
    free(host);
    curl_url_cleanup(u);
    u = NULL;
    if (r != 0)
      goto out;
  }
  rc = 0;
out:
  free(page_host);
  curl_url_cleanup(page_u);
  s->failed |= rc != 0;
  return rc;
}
