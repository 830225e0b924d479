/* rank_results.c - a reorder buffer under one mutex. The fetch thread writes held[i] before
 * it sets have[i] under the lock; the main thread reads have[] under the lock, so the results
 * it is given are complete and no longer touched by the fetch thread. */
#define _POSIX_C_SOURCE 200809L
#include "rank_results.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"

int rank_results_init(rank_results *q, size_t n)
{
  memset(q, 0, sizeof *q);
  clock_cond_init(&q->changed);
  pthread_mutex_init(&q->lock, NULL);
  q->n = n;
  q->held = calloc(n ? n : 1, sizeof *q->held);
  q->have = calloc(n ? n : 1, 1);
  return q->held && q->have ? 0 : STATUS_SYSTEM;
}

void rank_results_free(rank_results *q)
{
  for (size_t i = q->next; q->held && q->have && i < q->n; i++)
    if (q->have[i])
      fetch_result_free(&q->held[i]);
  free(q->held);
  free(q->have);
  pthread_mutex_destroy(&q->lock);
  pthread_cond_destroy(&q->changed);
  memset(q, 0, sizeof *q);
}

void rank_results_keep(void *ctx, size_t i, fetch_result *r)
{
  rank_results *q = ctx;
  fetch_result kept = *r;
  r->final_url = r->body = NULL; /* now held here */
  pthread_mutex_lock(&q->lock);
  q->held[i] = kept;
  q->have[i] = 1;
  q->received += kept.received;
  if (i == q->next) /* the main thread waits for this one only */
    pthread_cond_broadcast(&q->changed);
  pthread_mutex_unlock(&q->lock);
}

void rank_results_finish(rank_results *q, int rc)
{
  pthread_mutex_lock(&q->lock);
  q->finished = 1;
  q->rc = rc;
  pthread_cond_broadcast(&q->changed);
  pthread_mutex_unlock(&q->lock);
}

size_t rank_results_ready(rank_results *q, double linger, int *finished)
{
  pthread_mutex_lock(&q->lock);
  while (q->next < q->n && !q->have[q->next] && !q->finished)
    pthread_cond_wait(&q->changed, &q->lock);
  if (linger > 0 && !q->finished) {
    /* The lock is released while waiting: results keep arriving behind the first. */
    struct timespec until = clock_deadline(linger);
    while (!q->finished && pthread_cond_timedwait(&q->changed, &q->lock, &until) == 0) {
    }
  }
  size_t end = q->next;
  while (end < q->n && q->have[end])
    end++;
  *finished = q->finished || end == q->n;
  pthread_mutex_unlock(&q->lock);
  return end;
}

void rank_results_advance(rank_results *q, size_t end)
{
  pthread_mutex_lock(&q->lock);
  q->next = end;
  pthread_mutex_unlock(&q->lock);
}
