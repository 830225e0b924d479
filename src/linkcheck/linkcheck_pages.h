/* linkcheck_pages.h - the pages linkcheck reads links from, each kept as its digest
 * (page_digest.h), not its text: files read, directories walked for *.html, *.htm and *.md in
 * name order (a directory reached twice, by a symbolic link, walked once), and pages fetched
 * (added by the caller). Each page keeps the URL its relative links resolve against. */
#ifndef SRC_LINKCHECK_PAGES_H
#define SRC_LINKCHECK_PAGES_H

#include <stddef.h>

#include "url_list.h"

typedef struct page {
  char *name;   /* as the user named it, a file's path or the URL asked for */
  char *url;    /* the URL after redirects, or file:///absolute/path */
  char *digest; /* its links and anchors; NULL when it has none */
  size_t digest_len;
} page;

typedef struct page_list {
  page *p;
  size_t n, cap;
} page_list;

/* Adds a page (name and url copied; digest taken). Returns 0 or STATUS_SYSTEM. */
int page_list_add(page_list *l, const char *name, const char *url, char *digest, size_t len);

/* Reads the files and directories among names[0..n) into out, and appends the URLs among
 * them (http:// or https://) to urls, for the caller to fetch. root (PATH_MAX bytes) gets the
 * directory links starting with '/' resolve against on local pages: the first directory named,
 * else the first file's. A file that cannot be read is reported on stderr ("linkcheck: NAME:
 * why") and left out. Returns 0; STATUS_USAGE when some file was left out (the others are
 * read); STATUS_SYSTEM when memory failed. */
int linkcheck_pages_read(char *const *names, int n, unsigned long long max_bytes,
                         int digest_flags, page_list *out, url_list *urls, char *root);

/* The name of a page linkcheck reads: *.html, *.htm, or Markdown (*.md, *.markdown). */
int linkcheck_page_name(const char *name);
int linkcheck_markdown_name(const char *name);

/* file:// and the absolute path of path, percent-encoded where a URL needs it; malloc'd, or
 * NULL when the path does not resolve. */
char *linkcheck_file_url(const char *path);

void linkcheck_pages_free(page_list *l);

#endif
