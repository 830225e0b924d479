/* link_target.c - the lookup of a local target (percent-decoded path, a directory's
 * index.html, the anchors of an HTML or Markdown file) and the class a fragment gives. */
#define _POSIX_C_SOURCE 200809L
#include "link_target.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buffer.h"
#include "linkcheck_pages.h"
#include "page_digest.h"
#include "status.h"

/* Reads path's anchors into t->r.body. Returns 0 (an unreadable file just has none), or
 * STATUS_SYSTEM. */
static int read_anchors(link_target *t, const char *path, unsigned long long max_bytes,
                        int digest_flags)
{
  if (!linkcheck_page_name(path))
    return 0;
  int md = linkcheck_markdown_name(path);
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  buffer text = { 0 };
  /* a read error is a file without anchors, as an unreadable one is */
  int rc = buffer_read(&text, f, max_bytes) == STATUS_SYSTEM ? STATUS_SYSTEM : 0;
  fclose(f);
  size_t len = text.len < max_bytes ? text.len : (size_t)max_bytes; /* past it: the part read */
  if (rc == 0 && page_digest_make(text.p ? text.p : "", len,
                                  digest_flags | (md ? DIGEST_MARKDOWN : 0), &t->r.body,
                                  &t->r.body_len) != 0)
    rc = STATUS_SYSTEM;
  t->anchors = rc == 0;
  buffer_free(&text);
  return rc;
}

int link_target_local(link_target *t, const char *file_url, int want_anchors,
                      unsigned long long max_bytes, int digest_flags)
{
  CURLU *u = curl_url();
  char *path = NULL, *index = NULL;
  int rc = STATUS_SYSTEM;
  struct stat st;
  t->done = t->local = 1;
  if (!u)
    return STATUS_SYSTEM;
  if (curl_url_set(u, CURLUPART_URL, file_url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
      curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK) {
    t->missing = 1; /* a path with %00 in it, say: no such file */
    rc = 0;
    goto out;
  }
  const char *file = path;
  int dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
  if (dir) {
    size_t n = strlen(path) + sizeof "/index.html";
    index = malloc(n);
    if (!index)
      goto out;
    snprintf(index, n, "%s%sindex.html", path, path[0] && path[strlen(path) - 1] == '/' ? "" : "/");
    file = index;
  }
  t->missing = stat(file, &st) != 0 || S_ISDIR(st.st_mode);
  t->bare_dir = t->missing && dir;
  rc = !t->missing && want_anchors ? read_anchors(t, file, max_bytes, digest_flags) : 0;
out:
  free(index);
  curl_free(path);
  curl_url_cleanup(u);
  return rc;
}

int link_target_class(const link_target *t, const link_accept *a, const char *fragment,
                      int from_markdown)
{
  int missing = t->missing && !(t->bare_dir && from_markdown);
  int cls = t->local ? (missing ? LINK_MISSING_FILE : LINK_OK) : link_classify(a, &t->r);
  if (*fragment && t->anchors && (cls == LINK_OK || cls == LINK_REDIRECTED)) {
    char *name = curl_unescape(fragment, 0); /* "#caf%C3%A9" names the anchor "café" */
    int found = page_digest_has_anchor(t->r.body, t->r.body_len, fragment) ||
                (name && page_digest_has_anchor(t->r.body, t->r.body_len, name));
    curl_free(name);
    if (!found)
      cls = LINK_MISSING_FRAGMENT;
  }
  return cls;
}

void link_target_free(link_target *t)
{
  fetch_result_free(&t->r);
}
