/* fetch_ranks.c - fetch_run across ranks. One rank: fetch_run straight into the sink, through
 * a reorder buffer when the rows go in input order. Several: url_deal gives every rank its
 * share; on each rank a thread runs fetch_run into the rank's results (rank_results.h) while
 * the main thread, the one MPI allows to call it, ships the finished prefix to rank 0 or, on
 * rank 0, merges every rank's results in list order into the sink (fetch_merge.h). */
#define _POSIX_C_SOURCE 200809L
#include "fetch_ranks.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "clock.h"
#include "collective.h"
#include "fetch_merge.h"
#include "net_options.h"
#include "rank_results.h"
#include "url_deal.h"

/* This process's CPU seconds so far, user and system, every thread. */
static double cpu_seconds(void)
{
  clock_usage u = clock_usage_now();
  return u.user_s + u.sys_s;
}

/* One rank: results waiting for their turn, or passed on as they complete. */
typedef struct collector {
  result_store held;
  size_t n, next; /* next: the first index not yet passed on */
  int lost;       /* a result was dropped for want of memory */
  int completion;
  uint64_t received;
  fetch_done_fn *sink;
  void *ctx;
} collector;

static void collect(void *ctx, size_t i, fetch_result *r)
{
  collector *k = ctx;
  k->received += r->received;
  if (k->completion) {
    k->sink(k->ctx, i, r);
    return;
  }
  if (result_store_put(&k->held, i, r) != 0) {
    k->lost = 1; /* r is freed by fetch_run; the run fails */
    return;
  }
  while (k->next < k->n && result_store_has(&k->held, k->next)) {
    k->sink(k->ctx, k->next, result_store_at(&k->held, k->next));
    result_store_take(&k->held, k->next);
    k->next++;
  }
}

static int run_one_rank(const fetch_config *c, const url_share *s, int completion,
                        fetch_done_fn *sink, void *ctx, fetch_ranks_stats *st)
{
  collector k = { .n = s->n, .completion = completion, .sink = sink, .ctx = ctx };
  int rc = 0;
  if (!completion && result_store_init(&k.held, s->n) != 0) {
    fprintf(stderr, "fetch: out of memory for %zu results\n", s->n);
    rc = STATUS_SYSTEM;
  }
  if (rc == 0) {
    double t0 = clock_now();
    rc = fetch_run_at(c, s->urls, s->n, s->index, t0, collect, &k);
    st->seconds = clock_now() - t0;
    st->received = k.received;
  }
  if (k.lost) {
    fprintf(stderr, "fetch: out of memory for the results waiting for their turn\n");
    rc = status_worst(rc, STATUS_SYSTEM);
  }
  if (!completion)
    result_store_free(&k.held);
  return rc;
}

/* The thread that runs a rank's share. */
typedef struct share_run {
  const fetch_config *c;
  const url_share *s;
  rank_results *q;
  double t0; /* the common start, on this rank's clock */
} share_run;

static void *run_share(void *arg)
{
  share_run *a = arg;
  rank_results_finish(a->q, fetch_run_at(a->c, a->s->urls, a->s->n, a->s->index, a->t0,
                                         rank_results_keep, a->q));
  return NULL;
}

/* st->cpu_s holds this rank's CPU seconds at the start (cpu_seconds()); it leaves with the
 * run's, summed over the ranks. */
static int run_many_ranks(const runtime *rt, const fetch_config *c, const url_share *s,
                          const uint32_t *owner, size_t n, fetch_done_fn *sink, void *ctx,
                          fetch_ranks_stats *st)
{
  rank_results q;
  fetch_merge m = { 0 };
  pthread_t thread;
  int started = 0;
  int rc = rank_results_init(&q, s->n);
  if (rc == 0 && rt->rank == 0)
    rc = fetch_merge_init(&m, rt->size);
  if (rc != 0)
    fprintf(stderr, "fetch: rank %d: out of memory for %zu results\n", rt->rank, s->n);
  rc = agree_then_start(rt, rc);
  if (rc != 0)
    goto out;
  double t0 = clock_now(); /* every rank leaves agree_then_start together */
  share_run arg = { c, s, &q, t0 };
  started = pthread_create(&thread, NULL, run_share, &arg) == 0;
  if (!started) { /* the protocol goes on: this rank delivers nothing */
    fprintf(stderr, "fetch: rank %d: cannot start a thread\n", rt->rank);
    rank_results_finish(&q, STATUS_SYSTEM);
  }
  rc = rt->rank == 0 ? fetch_merge_run(&m, &q, owner, n, sink, ctx) : fetch_ship(&q, s);
  if (started)
    pthread_join(thread, NULL);
  if (rc == STATUS_MPI) /* the others may wait in the protocol: main aborts */
    goto out;
  rc = agree(rt, status_worst(rc, q.rc));
  st->seconds = clock_now() - t0;
  unsigned long long received = q.received;
  if (rc == 0)
    rc = collective_allreduce(rt, MPI_IN_PLACE, &received, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM);
  st->received = received;
  st->cpu_s = cpu_seconds() - st->cpu_s; /* this rank's: its fetch thread and the protocol */
  if (rc == 0)
    rc = collective_allreduce(rt, MPI_IN_PLACE, &st->cpu_s, 1, MPI_DOUBLE, MPI_SUM);
out:
  fetch_merge_free(&m);
  rank_results_free(&q);
  return rc;
}

int fetch_ranks_run(const runtime *rt, const fetch_config *c, const char *const *urls, size_t n,
                    int completion, fetch_done_fn *sink, void *ctx, fetch_ranks_stats *st)
{
  url_share mine;
  uint32_t *owner = NULL;
  size_t total = 0;
  int rc = url_deal(rt, c, urls, n, &mine, &total, &owner);
  if (rc != 0)
    return rc;
  st->cpu_s = cpu_seconds();
  if (rt->size == 1) {
    rc = run_one_rank(c, &mine, completion, sink, ctx, st);
    st->cpu_s = cpu_seconds() - st->cpu_s;
  } else {
    rc = run_many_ranks(rt, c, &mine, owner, total, sink, ctx, st);
  }
  url_share_free(&mine);
  free(owner);
  return rc;
}

int fetch_ranks_check_files(const runtime *rt, const char *prog, const fetch_config *c)
{
  char err[200];
  int rc = fetch_check_files(c, err, sizeof err);
  if (rc == 0)
    rc = fetch_check_threads(c, err, sizeof err);
  if (rc != 0)
    fprintf(stderr, "%s: %s\n", prog, err);
  return agree(rt, rc);
}
