/* fetch_merge.c - the batches (records of result_pack.h), the end mark (an empty message of
 * its own tag), and rank 0's merge. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "mpi_check.h"
#include "result_pack.h"

enum { TAG_ROWS = 22, TAG_END = 23 };
enum { BATCH_BYTES = 16384 };
#define SHIP_LINGER 0.01 /* seconds a rank waits for more results to fill a batch */

struct fetch_inbox {
  char *buf;
  size_t cap;
  const char *at, *end; /* the records not yet passed on */
  int ended;
};

int fetch_merge_init(fetch_merge *m, int ranks)
{
  m->ranks = ranks;
  m->in = calloc((size_t)ranks, sizeof *m->in);
  return m->in ? 0 : STATUS_SYSTEM;
}

void fetch_merge_free(fetch_merge *m)
{
  for (int r = 0; m->in && r < m->ranks; r++)
    free(m->in[r].buf);
  free(m->in);
  memset(m, 0, sizeof *m);
}

/* A synchronous send: it returns only once rank 0 has taken the batch, so rank 0 never holds
 * more than one batch per rank (a plain send of 16 KiB is eager on many transports and would
 * pile up in rank 0's queue of unexpected messages while it waits on another rank). It
 * cannot deadlock: rank 0 always comes to this rank's next batch in list order. */
static int send_batch(buffer *b)
{
  int rc = MPI_CHECK(MPI_Ssend(b->p, (int)b->len, MPI_BYTE, 0, TAG_ROWS, MPI_COMM_WORLD));
  b->len = 0;
  return rc;
}

int fetch_ship(rank_results *q, const url_share *s)
{
  buffer b = { 0 };
  int rc = 0, finished = 0;
  while (!finished) {
    size_t end = rank_results_ready(q, SHIP_LINGER, &finished);
    for (size_t k = q->next; k < end; k++) {
      if (rc == 0) {
        size_t before = b.len;
        if (result_pack(&b, s->index[k], rank_results_at(q, k)) != 0) {
          fprintf(stderr, "fetch: out of memory for a batch of results\n");
          b.len = before;
          rc = STATUS_SYSTEM;
        }
      }
      rank_results_take(q, k);
      if (rc == 0 && b.len > 0 && (b.len >= BATCH_BYTES || k + 1 == end))
        rc = send_batch(&b);
    }
    rank_results_advance(q, end);
    if (rc == STATUS_MPI)
      break;
  }
  if (rc != STATUS_MPI)
    rc = status_worst(rc, MPI_CHECK(MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_END, MPI_COMM_WORLD)));
  buffer_free(&b);
  return rc;
}

/* Rank 0: the next message from rank r into its inbox. Returns 0 or STATUS_MPI. */
static int receive(fetch_inbox *in, int r)
{
  MPI_Status st;
  int count = 0;
  int rc = MPI_CHECK(MPI_Probe(r, MPI_ANY_TAG, MPI_COMM_WORLD, &st));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Get_count(&st, MPI_BYTE, &count));
  if (rc == 0 && buffer_grow(&in->buf, &in->cap, (size_t)count + 1, 1) != 0) {
    fprintf(stderr, "fetch: rank 0: out of memory for a batch of %d bytes\n", count);
    rc = STATUS_MPI; /* the protocol cannot go on without it */
  }
  if (rc == 0)
    rc = MPI_CHECK(MPI_Recv(in->buf, count, MPI_BYTE, r, st.MPI_TAG, MPI_COMM_WORLD,
                            MPI_STATUS_IGNORE));
  if (rc != 0)
    return rc;
  in->at = in->buf;
  in->end = in->buf + count;
  in->ended = st.MPI_TAG == TAG_END;
  return 0;
}

/* Rank 0: URL i from rank r's inbox to sink. Returns 0, 1 when r has ended without it,
 * STATUS_SYSTEM or STATUS_MPI. */
static int pass_remote(fetch_inbox *in, int r, size_t i, fetch_done_fn *sink, void *ctx)
{
  int rc = 0;
  while (rc == 0 && in->at == in->end && !in->ended)
    rc = receive(in, r);
  if (rc != 0)
    return rc;
  if (in->at == in->end)
    return 1;
  uint64_t index = 0;
  fetch_result res;
  rc = result_unpack(&in->at, in->end, &index, &res);
  if (rc == STATUS_FAILED || (rc == 0 && index != i)) {
    fprintf(stderr, "fetch: rank %d sent a result out of order (URL %llu for %zu)\n", r,
            (unsigned long long)index, i);
    rc = STATUS_MPI;
  }
  if (rc == 0)
    sink(ctx, i, &res);
  fetch_result_free(&res);
  return rc;
}

/* Rank 0: URL i from its own share to sink. Returns 0, or 1 when the run ended without it. */
static int pass_local(rank_results *q, size_t *ready, size_t i, fetch_done_fn *sink, void *ctx)
{
  int finished;
  if (q->next == *ready)
    *ready = rank_results_ready(q, 0, &finished);
  if (q->next == *ready)
    return 1;
  sink(ctx, i, rank_results_at(q, q->next));
  rank_results_take(q, q->next);
  rank_results_advance(q, q->next + 1);
  return 0;
}

int fetch_merge_run(fetch_merge *m, rank_results *q, const uint32_t *owner, size_t n,
                    fetch_done_fn *sink, void *ctx)
{
  size_t ready = 0;
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < n; i++)
    rc = owner[i] == 0 ? pass_local(q, &ready, i, sink, ctx)
                       : pass_remote(&m->in[owner[i]], (int)owner[i], i, sink, ctx);
  if (rc == 1)
    rc = 0; /* a gap: the rows end there, as on one rank */
  /* Every rank's end mark, whatever was passed on: no send is left waiting. */
  for (int r = 1; rc != STATUS_MPI && r < m->ranks; r++)
    while (rc != STATUS_MPI && !m->in[r].ended)
      rc = status_worst(rc, receive(&m->in[r], r));
  return rc;
}
