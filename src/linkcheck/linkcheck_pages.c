/* linkcheck_pages.c - reading files and directories, fetching page URLs with fetch_run. */
#define _DEFAULT_SOURCE /* scandir, alphasort, realpath */
#include "linkcheck_pages.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buffer.h"
#include "status.h"

/* A page that cannot be read is an input error, reported and left out; the run goes on. */
enum { PAGES_OK = 0, PAGES_SOME_FAILED = STATUS_USAGE };

static page *add(page_list *l, const char *name)
{
  if (buffer_grow(&l->p, &l->cap, l->n + 1, sizeof *l->p) != 0)
    return NULL;
  page *g = &l->p[l->n];
  memset(g, 0, sizeof *g);
  g->name = strdup(name);
  if (!g->name)
    return NULL;
  l->n++;
  return g;
}

static int is_url(const char *s)
{
  return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static int is_html_name(const char *s)
{
  size_t n = strlen(s);
  return (n > 5 && strcasecmp(s + n - 5, ".html") == 0) ||
         (n > 4 && strcasecmp(s + n - 4, ".htm") == 0);
}

/* file:// and the absolute path, percent-encoded where a URL needs it. */
static char *file_url(const char *path)
{
  char abs[PATH_MAX];
  if (!realpath(path, abs))
    return NULL;
  size_t n = strlen(abs);
  char *u = malloc(7 + 3 * n + 1), *q = u;
  if (!u)
    return NULL;
  memcpy(q, "file://", 7);
  q += 7;
  for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("/-._~", *p))
      *q++ = (char)*p;
    else {
      *q++ = '%';
      *q++ = "0123456789ABCDEF"[*p >> 4];
      *q++ = "0123456789ABCDEF"[*p & 15];
    }
  }
  *q = '\0';
  return u;
}

/* Reads one file into a new page. Returns 0, or 2 after a message. -1: out of memory. */
static int read_file(page_list *l, const char *path, size_t max_bytes)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0) {
    fprintf(stderr, "linkcheck: %s: %s\n", path, strerror(errno));
    if (f)
      fclose(f);
    return PAGES_SOME_FAILED;
  }
  if ((uint64_t)st.st_size > max_bytes) {
    fprintf(stderr, "linkcheck: %s: larger than --max-bytes (%llu bytes)\n", path,
            (unsigned long long)max_bytes);
    fclose(f);
    return PAGES_SOME_FAILED;
  }
  page *g = add(l, path);
  char *text = g ? malloc((size_t)st.st_size + 1) : NULL;
  if (!text) {
    fclose(f);
    return STATUS_SYSTEM;
  }
  size_t got = fread(text, 1, (size_t)st.st_size, f);
  int bad = ferror(f);
  fclose(f);
  text[got] = '\0';
  g->text = text;
  g->len = got;
  g->url = file_url(path);
  if (bad || !g->url) {
    fprintf(stderr, "linkcheck: %s: cannot read it\n", path);
    return PAGES_SOME_FAILED;
  }
  return PAGES_OK;
}

/* Every *.html and *.htm under dir, in name order. */
static int read_dir(page_list *l, const char *dir, size_t max_bytes, int depth)
{
  struct dirent **names = NULL;
  int n = scandir(dir, &names, NULL, alphasort), worst = PAGES_OK;
  if (n < 0) {
    fprintf(stderr, "linkcheck: %s: %s\n", dir, strerror(errno));
    return PAGES_SOME_FAILED;
  }
  for (int k = 0; k < n; k++) {
    const char *e = names[k]->d_name;
    char path[PATH_MAX];
    struct stat st;
    int rc = PAGES_OK;
    if (e[0] == '.' || snprintf(path, sizeof path, "%s/%s", dir, e) >= (int)sizeof path ||
        stat(path, &st) != 0)
      rc = PAGES_OK; /* hidden, unnamable or vanished: not a page of this site */
    else if (S_ISDIR(st.st_mode) && depth < 64)
      rc = read_dir(l, path, max_bytes, depth + 1);
    else if (S_ISREG(st.st_mode) && is_html_name(e))
      rc = read_file(l, path, max_bytes);
    worst = status_worst(worst, rc);
  }
  for (int k = 0; k < n; k++)
    free(names[k]);
  free(names);
  return worst;
}

typedef struct url_pages {
  page_list *l;
  size_t *slot; /* URL k's page index */
  const char *const *names;
  int failed;
} url_pages;

static void take_page(void *ctx, size_t k, fetch_result *r)
{
  url_pages *u = ctx;
  page *g = &u->l->p[u->slot[k]];
  if (fetch_failed(r)) {
    if (r->error)
      fprintf(stderr, "linkcheck: %s: %s (%s)\n", u->names[k], fetch_error_name(r->error),
              r->message);
    else
      fprintf(stderr, "linkcheck: %s: HTTP status %ld\n", u->names[k], r->status);
    u->failed = 1;
    return;
  }
  g->text = r->body ? r->body : strdup("");
  g->len = r->body_len;
  g->url = r->final_url ? r->final_url : strdup(u->names[k]);
  r->body = r->final_url = NULL;
}

int linkcheck_pages_load(const fetch_config *net, char *const *names, int n, page_list *out)
{
  const char **urls = calloc((size_t)n + 1, sizeof *urls);
  size_t *slot = calloc((size_t)n + 1, sizeof *slot), nurls = 0;
  int worst = PAGES_OK;
  memset(out, 0, sizeof *out);
  if (!urls || !slot)
    goto fail;
  for (int k = 0; k < n; k++) {
    struct stat st;
    int rc = PAGES_OK;
    if (is_url(names[k])) {
      slot[nurls] = out->n;
      urls[nurls++] = names[k];
      if (!add(out, names[k]))
        goto fail;
    } else if (stat(names[k], &st) != 0) {
      fprintf(stderr, "linkcheck: %s: %s\n", names[k], strerror(errno));
      rc = PAGES_SOME_FAILED;
    } else if (S_ISDIR(st.st_mode)) {
      rc = read_dir(out, names[k], net->max_bytes, 0);
    } else {
      rc = read_file(out, names[k], net->max_bytes);
    }
    if (rc == STATUS_SYSTEM)
      goto fail;
    worst = status_worst(worst, rc);
  }
  if (nurls > 0) {
    fetch_config c = *net;
    c.keep_body = 1;
    c.status_only = 0;
    c.method = FETCH_GET;
    c.progress = 0;
    url_pages u = { out, slot, urls, 0 };
    if (fetch_run(&c, urls, nurls, take_page, &u) != 0)
      goto fail;
    if (u.failed)
      worst = PAGES_SOME_FAILED;
  }
  free(urls);
  free(slot);
  return worst;
fail:
  free(urls);
  free(slot);
  return STATUS_SYSTEM;
}

void linkcheck_pages_free(page_list *l)
{
  for (size_t k = 0; k < l->n; k++) {
    free(l->p[k].name);
    free(l->p[k].url);
    free(l->p[k].text);
  }
  free(l->p);
  memset(l, 0, sizeof *l);
}
