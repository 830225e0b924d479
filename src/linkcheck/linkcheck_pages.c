/* linkcheck_pages.c - reading files and walking directories (the (device, inode) of every
 * directory entered, so that a symbolic link loop is walked once). */
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
#include "page_digest.h"
#include "status.h"

/* A page that cannot be read is an input error, reported and left out; the run goes on. */
enum { PAGES_OK = 0, PAGES_SOME_FAILED = STATUS_USAGE };

/* The directories entered so far. */
typedef struct walk {
  struct { dev_t dev; ino_t ino; } *seen;
  size_t n, cap;
  unsigned long long max_bytes;
  int digest_flags;
  page_list *out;
} walk;

int page_list_add(page_list *l, const char *name, const char *url, char *digest, size_t len)
{
  if (buffer_grow(&l->p, &l->cap, l->n + 1, sizeof *l->p) != 0)
    return STATUS_SYSTEM;
  page *g = &l->p[l->n];
  g->name = strdup(name);
  g->url = strdup(url);
  g->digest = digest;
  g->digest_len = len;
  if (!g->name || !g->url) {
    free(g->name);
    free(g->url);
    return STATUS_SYSTEM;
  }
  l->n++;
  return 0;
}

static int is_url(const char *s)
{
  return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static int has_suffix(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n > k && strcasecmp(s + n - k, suffix) == 0;
}

int linkcheck_markdown_name(const char *s)
{
  return has_suffix(s, ".md") || has_suffix(s, ".markdown");
}

int linkcheck_page_name(const char *s)
{
  return has_suffix(s, ".html") || has_suffix(s, ".htm") || linkcheck_markdown_name(s);
}

char *linkcheck_file_url(const char *path)
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

/* Reads one file into a new page. Returns 0, PAGES_SOME_FAILED after a message, or
 * STATUS_SYSTEM. */
static int read_file(walk *w, const char *path)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  char *text = NULL, *url = NULL, *digest = NULL;
  size_t got = 0, len = 0;
  int rc = PAGES_SOME_FAILED;
  if (!f || fstat(fileno(f), &st) != 0) {
    fprintf(stderr, "linkcheck: %s: %s\n", path, strerror(errno));
    goto out;
  }
  if ((unsigned long long)st.st_size > w->max_bytes) {
    fprintf(stderr, "linkcheck: %s: larger than --max-bytes (%llu bytes)\n", path,
            w->max_bytes);
    goto out;
  }
  text = malloc((size_t)st.st_size + 1);
  url = linkcheck_file_url(path);
  if (!text) {
    rc = STATUS_SYSTEM;
    goto out;
  }
  got = fread(text, 1, (size_t)st.st_size, f);
  if (ferror(f) || !url) {
    fprintf(stderr, "linkcheck: %s: cannot read it\n", path);
    goto out;
  }
  int flags = w->digest_flags | (linkcheck_markdown_name(path) ? DIGEST_MARKDOWN : 0);
  rc = page_digest_make(text, got, flags, &digest, &len) != 0 ||
           page_list_add(w->out, path, url, digest, len) != 0
         ? STATUS_SYSTEM
         : PAGES_OK;
  if (rc != PAGES_OK)
    free(digest);
out:
  if (f)
    fclose(f);
  free(text);
  free(url);
  return rc;
}

/* Notes directory st as entered. Returns 1 when it was before, 0, or -1 (memory). */
static int entered_before(walk *w, const struct stat *st)
{
  for (size_t k = 0; k < w->n; k++)
    if (w->seen[k].dev == st->st_dev && w->seen[k].ino == st->st_ino)
      return 1;
  if (buffer_grow(&w->seen, &w->cap, w->n + 1, sizeof *w->seen) != 0)
    return -1;
  w->seen[w->n].dev = st->st_dev;
  w->seen[w->n].ino = st->st_ino;
  w->n++;
  return 0;
}

/* Every page under dir, in name order. */
static int read_dir(walk *w, const char *dir, const struct stat *dir_st)
{
  int before = entered_before(w, dir_st);
  if (before != 0)
    return before < 0 ? STATUS_SYSTEM : PAGES_OK;
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
    else if (S_ISDIR(st.st_mode))
      rc = read_dir(w, path, &st);
    else if (S_ISREG(st.st_mode) && linkcheck_page_name(e))
      rc = read_file(w, path);
    worst = status_worst(worst, rc);
  }
  for (int k = 0; k < n; k++)
    free(names[k]);
  free(names);
  return worst;
}

/* root: the directory name is (name itself when it is one), absolute. */
static void note_root(char *root, const char *name, int is_dir)
{
  char dir[PATH_MAX];
  const char *slash = strrchr(name, '/');
  if (is_dir)
    snprintf(dir, sizeof dir, "%s", name);
  else if (slash)
    snprintf(dir, sizeof dir, "%.*s", slash == name ? 1 : (int)(slash - name), name);
  else
    snprintf(dir, sizeof dir, ".");
  if (!realpath(dir, root))
    root[0] = '\0';
}

int linkcheck_pages_read(char *const *names, int n, unsigned long long max_bytes,
                         int digest_flags, page_list *out, url_list *urls, char *root)
{
  walk w = { NULL, 0, 0, max_bytes, digest_flags, out };
  int worst = PAGES_OK, root_dir = 0;
  for (int k = 0; k < n && worst != STATUS_SYSTEM; k++) {
    struct stat st;
    int rc = PAGES_OK;
    if (is_url(names[k])) {
      rc = url_list_add(urls, names[k], strlen(names[k])) != 0 ? STATUS_SYSTEM : PAGES_OK;
    } else if (stat(names[k], &st) != 0) {
      fprintf(stderr, "linkcheck: %s: %s\n", names[k], strerror(errno));
      rc = PAGES_SOME_FAILED;
    } else {
      int dir = S_ISDIR(st.st_mode);
      if (!root[0] || (dir && !root_dir)) { /* a directory named wins over a file */
        note_root(root, names[k], dir);
        root_dir = dir;
      }
      rc = dir ? read_dir(&w, names[k], &st) : read_file(&w, names[k]);
    }
    worst = status_worst(worst, rc);
  }
  free(w.seen);
  return worst;
}

void linkcheck_pages_free(page_list *l)
{
  for (size_t k = 0; k < l->n; k++) {
    free(l->p[k].name);
    free(l->p[k].url);
    free(l->p[k].digest);
  }
  free(l->p);
  memset(l, 0, sizeof *l);
}
