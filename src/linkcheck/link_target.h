/* link_target.h - what became of a target (link_set.h): the answer of its fetch or check, or
 * for a local file whether it is there; and the anchors a fragment is checked against (the
 * digest of the page, when its body was read). Rank 0 holds one per target. */
#ifndef SRC_LINK_TARGET_H
#define SRC_LINK_TARGET_H

#include "fetch.h"
#include "link_class.h"

typedef struct link_target {
  fetch_result r; /* r.body: the page's digest (page_digest.h) when it was read, else NULL */
  int done;       /* fetched, checked or looked up */
  int local;      /* a file: URL, looked up on this file system */
  int missing;    /* local: no such file, or a directory without index.html */
  int bare_dir;   /* local: missing, but a directory (without index.html) */
  int anchors;    /* r.body holds the anchors (the page was read) */
  int robots_skipped; /* --recursive: robots.txt disallows it; neither fetched nor reported */
  int queued;     /* a page named on the command line, to be fetched as one */
} link_target;

/* Looks up the file a file: URL names, following the rules of a static web server: a
 * directory stands for its index.html. With want_anchors, an HTML or Markdown file is read
 * (up to max_bytes) for its anchors. Returns 0, or STATUS_SYSTEM (memory). */
int link_target_local(link_target *t, const char *file_url, int want_anchors,
                      unsigned long long max_bytes, int digest_flags);

/* The class of a link to t with fragment ("" for none): the target's class, or missing
 * fragment when the page was read and holds no such anchor. from_markdown: the link is on a
 * Markdown page, where a directory is a fine target (a Git host shows its listing) with or
 * without index.html. */
int link_target_class(const link_target *t, const link_accept *a, const char *fragment,
                      int from_markdown);

void link_target_free(link_target *t);

#endif
