/* link_class.h - what a checked link is: ok, redirected, client or server error, rate limited,
 * which way the network failed, a missing file or fragment; which statuses count as ok
 * (--accept); which classes are broken. */
#ifndef SRC_LINK_CLASS_H
#define SRC_LINK_CLASS_H

#include <stddef.h>

#include "fetch.h"

enum link_class {
  LINK_OK,
  LINK_REDIRECTED,
  LINK_CLIENT_ERROR,
  LINK_SERVER_ERROR,
  LINK_RATE_LIMITED,
  LINK_TIMEOUT,
  LINK_REFUSED,
  LINK_DNS,
  LINK_TLS,
  LINK_TOO_MANY_REDIRECTS,
  LINK_PROTOCOL,
  LINK_INVALID_URL,
  LINK_UNEXPECTED_STATUS, /* an answer below 400 that --accept does not list */
  LINK_MISSING_FILE,      /* a local link to no file (or to a directory without index.html) */
  LINK_MISSING_FRAGMENT,  /* the page is there, the #name it points at is not (--fragments) */
  LINK_CLASS_COUNT
};

#define LINK_ACCEPT_MAX 32

/* The statuses that count as ok: a list of ranges. */
typedef struct link_accept {
  int n;
  int lo[LINK_ACCEPT_MAX], hi[LINK_ACCEPT_MAX];
} link_accept;

/* Parses "200-299,403". Returns 0, or STATUS_USAGE with a one-line message in err. */
int link_accept_parse(link_accept *a, const char *text, char *err, size_t errlen);

/* The class of a link whose check ended in r. */
int link_classify(const link_accept *a, const fetch_result *r);

/* "ok", "redirected", "client error", ... */
const char *link_class_name(int cls);

/* A broken link: anything but ok, redirected and rate limited (the server asked us to come
 * back later; that says nothing about the link). */
int link_class_broken(int cls);

#endif
