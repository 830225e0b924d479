/* fetch_ranks.c - the rank split, the reorder buffer that turns completion order into input
 * order while rows stream, and the gather of packed results to rank 0. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_ranks.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fetch_options.h"
#include "mpi_check.h"

/* Results waiting for their turn; rank 0 with one rank streams from here. */
typedef struct collector {
  fetch_result *held;
  char *have;
  size_t n, next; /* next: the first index not yet passed on */
  int stream, completion;
  uint64_t received;
  fetch_done_fn *sink;
  void *ctx;
} collector;

static void pass_on_ready(collector *k)
{
  while (k->next < k->n && k->have[k->next]) {
    k->sink(k->ctx, k->next, &k->held[k->next]);
    fetch_result_free(&k->held[k->next]);
    k->next++;
  }
}

static void collect(void *ctx, size_t i, fetch_result *r)
{
  collector *k = ctx;
  k->received += r->received;
  if (k->stream && k->completion) {
    k->sink(k->ctx, i, r);
    return;
  }
  k->held[i] = *r;
  r->final_url = r->body = NULL; /* now held here */
  k->have[i] = 1;
  if (k->stream)
    pass_on_ready(k);
}

/* A growable byte buffer for packing results. */
typedef struct packer {
  char *p;
  size_t len, cap;
  int failed;
} packer;

static void put(packer *b, const void *data, size_t n)
{
  if (b->failed || n == 0)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n)
      cap *= 2;
    char *q = realloc(b->p, cap);
    if (!q) {
      b->failed = 1;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void put_str(packer *b, const char *s)
{
  uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0; /* 0: NULL */
  put(b, &n, sizeof n);
  put(b, s, n);
}

/* The fields a row needs; bodies stay where they were fetched. */
static void pack(packer *b, uint64_t index, const fetch_result *r)
{
  put(b, &index, sizeof index);
  put(b, &r->status, sizeof r->status);
  put(b, &r->redirects, sizeof r->redirects);
  put(b, &r->attempts, sizeof r->attempts);
  put(b, &r->error, sizeof r->error);
  put(b, &r->retry_after, sizeof r->retry_after);
  put(b, &r->bytes, sizeof r->bytes);
  put(b, &r->received, sizeof r->received);
  put(b, &r->seconds, sizeof r->seconds);
  put(b, &r->connect_s, sizeof r->connect_s);
  put(b, &r->tls_s, sizeof r->tls_s);
  put(b, &r->first_byte_s, sizeof r->first_byte_s);
  put_str(b, r->final_url);
  put_str(b, r->message);
}

static const char *take(const char **p, size_t n)
{
  const char *q = *p;
  *p += n;
  return q;
}

#define GET(p, field) memcpy(&(field), take(&(p), sizeof(field)), sizeof(field))

static void unpack(const char **p, uint64_t *index, fetch_result *r)
{
  uint32_t n;
  memset(r, 0, sizeof *r);
  GET(*p, *index);
  GET(*p, r->status);
  GET(*p, r->redirects);
  GET(*p, r->attempts);
  GET(*p, r->error);
  GET(*p, r->retry_after);
  GET(*p, r->bytes);
  GET(*p, r->received);
  GET(*p, r->seconds);
  GET(*p, r->connect_s);
  GET(*p, r->tls_s);
  GET(*p, r->first_byte_s);
  GET(*p, n);
  r->final_url = n ? strdup(take(p, n)) : NULL;
  GET(*p, n);
  const char *msg = n ? take(p, n) : "";
  memcpy(r->message, msg, strnlen(msg, sizeof r->message - 1));
}

/* Collective: every rank's held results to rank 0's collector, then passed on in order. */
static int gather(const runtime *rt, collector *mine, size_t n, collector *all)
{
  packer b = { 0 };
  int rc = -1, *sizes = NULL, *offsets = NULL;
  char *in = NULL;
  for (size_t i = (size_t)rt->rank; i < n; i += (size_t)rt->size)
    pack(&b, i, &mine->held[i]);
  int len = b.failed || b.len > INT_MAX ? -1 : (int)b.len;
  if (rt->rank == 0) {
    sizes = calloc((size_t)rt->size, sizeof *sizes);
    offsets = calloc((size_t)rt->size, sizeof *offsets);
  }
  MPI_TRY(MPI_Gather(&len, 1, MPI_INT, sizes, 1, MPI_INT, 0, MPI_COMM_WORLD));
  int ok = 1;
  long long total = 0;
  if (rt->rank == 0) {
    ok = sizes && offsets;
    for (int r = 0; ok && r < rt->size; r++) {
      ok = sizes[r] >= 0 && total + sizes[r] <= INT_MAX;
      offsets[r] = (int)total;
      total += ok ? sizes[r] : 0;
    }
    in = ok ? malloc(total ? (size_t)total : 1) : NULL;
    ok = ok && in;
  }
  MPI_TRY(MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (!ok || len < 0) {
    fprintf(stderr, "fetch: the results do not fit one gather (2 GiB) or memory ran out\n");
    goto out;
  }
  MPI_TRY(MPI_Gatherv(b.p, len, MPI_CHAR, in, sizes, offsets, MPI_CHAR, 0, MPI_COMM_WORLD));
  if (rt->rank == 0) {
    for (const char *p = in; p < in + total;) {
      uint64_t index;
      fetch_result r;
      unpack(&p, &index, &r);
      fetch_result_free(&all->held[index]); /* rank 0's own, packed and back */
      all->held[index] = r;
      all->have[index] = 1;
    }
    pass_on_ready(all);
  }
  rc = 0;
out:
  free(b.p);
  free(in);
  free(sizes);
  free(offsets);
  return rc;
}

/* fetch_run's callback on each rank: the local index back to the list's. */
typedef struct local_share {
  collector *k;
  size_t rank, size;
} local_share;

static void collect_local(void *ctx, size_t local, fetch_result *r)
{
  local_share *s = ctx;
  collect(s->k, s->rank + local * s->size, r);
}

int fetch_ranks_run(const runtime *rt, const fetch_config *c, const char *const *urls, size_t n,
                    int completion, fetch_done_fn *sink, void *ctx, fetch_ranks_stats *st)
{
  collector k = { 0 };
  const char **mine = NULL;
  size_t count = runtime_share(n, rt->rank, rt->size);
  int rc = -1, ok;

  k.n = n;
  k.stream = rt->size == 1;
  k.completion = completion;
  k.sink = sink;
  k.ctx = ctx;
  k.held = calloc(n ? n : 1, sizeof *k.held);
  k.have = calloc(n ? n : 1, 1);
  mine = malloc((count ? count : 1) * sizeof *mine);
  ok = k.held && k.have && mine;
  MPI_TRY(MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD));
  if (!ok) {
    fprintf(stderr, "fetch: out of memory for %zu results\n", n);
    goto out;
  }
  for (size_t i = 0; i < count; i++)
    mine[i] = urls[(size_t)rt->rank + i * (size_t)rt->size];

  local_share share = { &k, (size_t)rt->rank, (size_t)rt->size };
  MPI_TRY(MPI_Barrier(MPI_COMM_WORLD));
  double t0 = clock_now();
  ok = fetch_run(c, mine, count, collect_local, &share) == 0;
  MPI_TRY(MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD));
  st->seconds = clock_now() - t0;
  unsigned long long received = k.received;
  MPI_TRY(MPI_Allreduce(MPI_IN_PLACE, &received, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM,
                        MPI_COMM_WORLD));
  st->received = received;
  if (!ok)
    goto out;
  if (rt->size > 1 && gather(rt, &k, n, &k) != 0)
    goto out;
  rc = 0;
out:
  for (size_t i = 0; k.held && i < n; i++)
    fetch_result_free(&k.held[i]);
  free(mine);
  free(k.held);
  free(k.have);
  return rc;
}

int fetch_ranks_check_files(const char *prog, const fetch_config *c)
{
  char err[200];
  int ok = fetch_check_files(c, err, sizeof err) == 0 &&
           fetch_check_threads(c, err, sizeof err) == 0;
  if (!ok)
    fprintf(stderr, "%s: %s\n", prog, err);
  MPI_TRY(MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD));
  return ok ? 0 : 2;
}
