/* fetch_ranks.h - fetch_run across MPI ranks: rank 0 deals the list (url_deal.h: by host when
 * a per-host limit is set, else round-robin), every rank fetches its share with its own
 * backend, and rank 0 passes every result to its sink while the requests run: in input order
 * (or, on one rank, as each completes). No rank holds more than its share of the results. */
#ifndef SRC_FETCH_RANKS_H
#define SRC_FETCH_RANKS_H

#include "fetch.h"
#include "runtime.h"

typedef struct fetch_ranks_stats {
  double seconds;    /* wall time, first rank's start to last rank's end */
  uint64_t received; /* network bytes over every rank */
  double cpu_s;      /* CPU seconds (user and system) of the run, summed over ranks: the
                      * requests and, on several ranks, the shipping and merging of results */
} fetch_ranks_stats;

/* Collective. Rank 0 holds urls[0..n) (the other ranks' urls and n are not read). Rank 0's
 * sink gets every result once, with the index into urls: in input order, or in completion
 * order when `completion` and there is one rank. In an open loop (c->rate > 0) URL i is due
 * i / c->rate seconds after the common start, whichever rank it went to. A run stopped by a
 * signal ends at the first URL not done. Returns 0, or (on every rank) STATUS_SYSTEM after a
 * message when any rank could not run, or STATUS_MPI. */
int fetch_ranks_run(const runtime *rt, const fetch_config *c, const char *const *urls, size_t n,
                    int completion, fetch_done_fn *sink, void *ctx, fetch_ranks_stats *st);

/* Collective: every rank checks that its open-file limit holds c's concurrency
 * (fetch_check_files) and, for the omp backend, that it may start that many threads
 * (fetch_check_threads), printing "PROG: why" where not; all agree. Returns 0, STATUS_USAGE
 * or STATUS_MPI. */
int fetch_ranks_check_files(const runtime *rt, const char *prog, const fetch_config *c);

#endif
