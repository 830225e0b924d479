/* rank_results.c - a reorder buffer under one mutex. The fetch thread puts result i under the
 * lock; the main thread asks what is held under the lock, so the results it is given are
 * complete and no longer touched by the fetch thread, and never move (result_store.h). */
#define _POSIX_C_SOURCE 200809L
#include "rank_results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

int rank_results_init(rank_results *q, size_t n)
{
  memset(q, 0, sizeof *q);
  clock_cond_init(&q->changed);
  pthread_mutex_init(&q->lock, NULL);
  q->n = n;
  return result_store_init(&q->held, n) == 0 ? 0 : STATUS_SYSTEM;
}

void rank_results_free(rank_results *q)
{
  result_store_free(&q->held);
  pthread_mutex_destroy(&q->lock);
  pthread_cond_destroy(&q->changed);
  memset(q, 0, sizeof *q);
}

void rank_results_keep(void *ctx, size_t i, fetch_result *r)
{
  rank_results *q = ctx;
  pthread_mutex_lock(&q->lock);
  q->received += r->received;
  if (result_store_put(&q->held, i, r) != 0)
    q->lost = 1; /* the run fails (rank_results_finish); r is freed by fetch_run */
  else if (i == q->next) /* the main thread waits for this one only */
    pthread_cond_broadcast(&q->changed);
  pthread_mutex_unlock(&q->lock);
}

void rank_results_finish(rank_results *q, int rc)
{
  pthread_mutex_lock(&q->lock);
  q->finished = 1;
  q->rc = q->lost ? status_worst(rc, STATUS_SYSTEM) : rc;
  if (q->lost)
    fprintf(stderr, "fetch: out of memory for the results waiting for their turn\n");
  pthread_cond_broadcast(&q->changed);
  pthread_mutex_unlock(&q->lock);
}

size_t rank_results_ready(rank_results *q, double linger, int *finished)
{
  pthread_mutex_lock(&q->lock);
  while (q->next < q->n && !result_store_has(&q->held, q->next) && !q->finished)
    pthread_cond_wait(&q->changed, &q->lock);
  if (linger > 0 && !q->finished) {
    /* The lock is released while waiting: results keep arriving behind the first. */
    struct timespec until = clock_deadline(linger);
    while (!q->finished && pthread_cond_timedwait(&q->changed, &q->lock, &until) == 0) {
    }
  }
  size_t end = q->next;
  while (end < q->n && result_store_has(&q->held, end))
    end++;
  *finished = q->finished || end == q->n;
  pthread_mutex_unlock(&q->lock);
  return end;
}

fetch_result *rank_results_at(rank_results *q, size_t k)
{
  return result_store_at(&q->held, k);
}

void rank_results_take(rank_results *q, size_t k)
{
  result_store_take(&q->held, k);
}

void rank_results_advance(rank_results *q, size_t end)
{
  pthread_mutex_lock(&q->lock);
  q->next = end;
  pthread_mutex_unlock(&q->lock);
}
