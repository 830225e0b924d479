/* fetch_merge.h - the results of every rank to rank 0, in list order, while the requests are
 * still running. Each rank other than 0 ships the ready prefix of its share (rank_results.h)
 * in batches of about BATCH_BYTES, then an end mark; rank 0 takes the URLs in list order and,
 * for each, the next record of the rank that owns it (url_deal.h), receiving from that rank
 * only when its batch is used up. A rank blocks in its send until rank 0 needs it, so rank 0
 * holds at most one batch per rank and every rank at most its own share. */
#ifndef SRC_FETCH_MERGE_H
#define SRC_FETCH_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "rank_results.h"
#include "runtime.h"
#include "url_deal.h"

/* Rank 0's state: one inbox per rank. */
typedef struct fetch_inbox fetch_inbox;
typedef struct fetch_merge {
  fetch_inbox *in;
  int ranks;
} fetch_merge;

/* Rank 0, before the run. Returns 0 or STATUS_SYSTEM. */
int fetch_merge_init(fetch_merge *m, int ranks);
void fetch_merge_free(fetch_merge *m);

/* A rank other than 0, on its main thread: ships q's results (share s) until the run
 * finishes, then the end mark. Returns 0, STATUS_SYSTEM (memory: the rest is dropped and the
 * end mark still sent) or STATUS_MPI. */
int fetch_ship(rank_results *q, const url_share *s);

/* Rank 0, on its main thread: sink gets URLs 0, 1, ... of the n in the list, each once, until
 * the first that no rank delivered (a run stopped by a signal), then every rank's end mark is
 * received. q holds rank 0's own share; owner[i] is the rank of URL i. Returns 0,
 * STATUS_SYSTEM (memory) or STATUS_MPI. */
int fetch_merge_run(fetch_merge *m, rank_results *q, const uint32_t *owner, size_t n,
                    fetch_done_fn *sink, void *ctx);

#endif
