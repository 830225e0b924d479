/* link_class.c - the classification rules, in the order they apply: an answer that arrived is
 * judged by its status; a request that got none, by how it failed. */
#define _POSIX_C_SOURCE 200809L
#include "link_class.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "status.h"

static const char *const names[LINK_CLASS_COUNT] = {
  "ok", "redirected", "client error", "server error", "rate limited", "timeout", "refused",
  "dns failure", "tls error", "too many redirects", "protocol error", "invalid url",
  "unexpected status", "missing file", "missing fragment",
};

const char *link_class_name(int cls)
{
  return cls >= 0 && cls < LINK_CLASS_COUNT ? names[cls] : "protocol error";
}

int link_class_broken(int cls)
{
  return cls != LINK_OK && cls != LINK_REDIRECTED && cls != LINK_RATE_LIMITED;
}

/* A status from 100 to 599 at *p; advances *p. Returns it, or -1. */
static int status_at(const char **p)
{
  char *end;
  long v = strtol(*p, &end, 10);
  if (end == *p || v < 100 || v > 599 || **p == '-' || **p == '+' || **p == ' ')
    return -1;
  *p = end;
  return (int)v;
}

int link_accept_parse(link_accept *a, const char *text, char *err, size_t errlen)
{
  const char *p = text;
  a->n = 0;
  for (;;) {
    int lo = status_at(&p), hi = lo;
    if (lo >= 0 && *p == '-') {
      p++;
      hi = status_at(&p);
    }
    if (lo < 0 || hi < lo || a->n == LINK_ACCEPT_MAX || (*p != ',' && *p != '\0')) {
      snprintf(err, errlen, "--accept: '%s' is not a list of statuses and ranges from 100 to "
               "599 such as 200-299,403 (at most %d)", text, LINK_ACCEPT_MAX);
      return STATUS_USAGE;
    }
    a->lo[a->n] = lo;
    a->hi[a->n] = hi;
    a->n++;
    if (*p == '\0')
      return 0;
    p++;
  }
}

static int accepted(const link_accept *a, long status)
{
  for (int k = 0; k < a->n; k++)
    if (status >= a->lo[k] && status <= a->hi[k])
      return 1;
  return 0;
}

int link_classify(const link_accept *a, const fetch_result *r)
{
  switch (r->error) {
  case FETCH_OK:
  case FETCH_E_TOO_LARGE: /* the status came before the body did */
    break;
  case FETCH_E_BAD_URL:
    return LINK_INVALID_URL;
  case FETCH_E_DNS:
    return LINK_DNS;
  case FETCH_E_REFUSED:
    return LINK_REFUSED;
  case FETCH_E_TIMEOUT:
    return LINK_TIMEOUT;
  case FETCH_E_TLS:
    return LINK_TLS;
  case FETCH_E_REDIRECTS:
    return LINK_TOO_MANY_REDIRECTS;
  default:
    return LINK_PROTOCOL;
  }
  if (r->status == 0)
    return LINK_PROTOCOL;
  if (accepted(a, r->status))
    return r->redirects > 0 ? LINK_REDIRECTED : LINK_OK;
  if (r->status == 429 || (r->status == 503 && r->retry_after))
    return LINK_RATE_LIMITED;
  if (r->status >= 500)
    return LINK_SERVER_ERROR;
  if (r->status >= 400)
    return LINK_CLIENT_ERROR;
  return LINK_UNEXPECTED_STATUS;
}
