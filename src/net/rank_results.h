/* rank_results.h - one rank's finished requests between the thread that runs fetch_run and
 * the rank's main thread (the only one that may call MPI): results arrive in completion order
 * and leave in the order of the rank's share, as a ready prefix the main thread takes. It
 * holds the results that wait for an earlier one (result_store.h), never the whole list. */
#ifndef SRC_RANK_RESULTS_H
#define SRC_RANK_RESULTS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "fetch.h"
#include "result_store.h"

typedef struct rank_results {
  pthread_mutex_t lock;
  pthread_cond_t changed; /* the next result arrived, or the run finished */
  result_store held;
  size_t n, next; /* next: the first result the main thread has not taken */
  int lost;       /* a result was dropped for want of memory */
  int finished;   /* fetch_run returned: no more results will come */
  int rc;         /* what it returned */
  uint64_t received; /* network bytes over every result */
} rank_results;

/* Room for n results. Returns 0 or STATUS_SYSTEM. */
int rank_results_init(rank_results *q, size_t n);

/* Frees every result not taken. */
void rank_results_free(rank_results *q);

/* fetch_run's callback (fetch_done_fn) with q as its context: keeps result i. */
void rank_results_keep(void *ctx, size_t i, fetch_result *r);

/* The fetch thread's last word: fetch_run returned rc. */
void rank_results_finish(rank_results *q, int rc);

/* Main thread: waits until result q->next has arrived or the run has finished; then, unless
 * it has finished, lingers up to linger seconds for more to batch. Returns end: results [next,
 * end) are ready (rank_results_at) and the caller's until it takes each (rank_results_take)
 * and calls rank_results_advance(q, end). *finished is set when no more will come after what
 * is ready now. */
size_t rank_results_ready(rank_results *q, double linger, int *finished);

/* Main thread: ready result k, and its release once passed on. */
fetch_result *rank_results_at(rank_results *q, size_t k);
void rank_results_take(rank_results *q, size_t k);

/* Main thread: the results before end are taken. */
void rank_results_advance(rank_results *q, size_t end);

#endif
