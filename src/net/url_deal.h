/* url_deal.h - rank 0's URL list dealt to the ranks: each rank receives its share only (the
 * URLs and their places in the list), so that no rank but 0 ever holds the whole list. With a
 * per-host limit (--max-per-host, --host-interval) all of a host's URLs go to one rank, chosen
 * by a hash of the host, so that the limit every rank enforces on its own holds for the whole
 * job with no message between ranks; without one, round-robin, the even split. */
#ifndef SRC_URL_DEAL_H
#define SRC_URL_DEAL_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "runtime.h"

typedef struct url_share {
  const char **urls; /* this rank's URLs, in list order */
  uint64_t *index;   /* urls[k] is URL index[k] of rank 0's list */
  size_t n;
  char *text;        /* the strings the urls point into (rank 0's point into its own list) */
} url_share;

/* Collective. Rank 0 passes its list urls[0..n); the other ranks' urls and n are not read.
 * Fills *mine on every rank, *total (the list's length) on every rank and, on rank 0 of a run
 * of several ranks, *owner: a malloc'd array of the rank each URL went to (NULL elsewhere).
 * Returns 0, or on every rank STATUS_SYSTEM after a message (memory) or STATUS_MPI; nothing
 * is left to free then. */
int url_deal(const runtime *rt, const fetch_config *c, const char *const *urls, size_t n,
             url_share *mine, size_t *total, uint32_t **owner);

void url_share_free(url_share *s);

#endif
