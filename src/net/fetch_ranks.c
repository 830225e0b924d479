/* fetch_ranks.c - the rank split, the reorder buffer that turns completion order into input
 * order while rows stream, and the gather of packed results to rank 0. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_ranks.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buffer.h"
#include "clock.h"
#include "collective.h"
#include "net_options.h"

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

/* The results packed for the gather; failed once any append ran out of memory. */
typedef struct packer {
  buffer b;
  int failed;
} packer;

static void put(packer *b, const void *data, size_t n)
{
  if (!b->failed && buffer_append(&b->b, data, n) != 0)
    b->failed = 1;
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
  packer b = { { 0 }, 0 };
  char *in = NULL;
  int total = 0;
  for (size_t i = (size_t)rt->rank; i < n; i += (size_t)rt->size)
    pack(&b, i, &mine->held[i]);
  int len = b.failed || b.b.len > INT_MAX ? -1 : (int)b.b.len;
  int rc = runtime_gather(rt, b.b.p, len, &in, &total);
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "fetch: the results do not fit one gather (2 GiB) or memory ran out\n");
  if (rc == 0 && rt->rank == 0) {
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
  buffer_free(&b.b);
  free(in);
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
  int rc = 0;

  k.n = n;
  k.stream = rt->size == 1;
  k.completion = completion;
  k.sink = sink;
  k.ctx = ctx;
  k.held = calloc(n ? n : 1, sizeof *k.held);
  k.have = calloc(n ? n : 1, 1);
  mine = malloc((count ? count : 1) * sizeof *mine);
  if (!k.held || !k.have || !mine) {
    fprintf(stderr, "fetch: rank %d: out of memory for %zu results\n", rt->rank, n);
    rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
  for (size_t i = 0; i < count; i++)
    mine[i] = urls[(size_t)rt->rank + i * (size_t)rt->size];

  local_share share = { &k, (size_t)rt->rank, (size_t)rt->size };
  rc = collective_barrier(rt);
  if (rc != 0)
    goto out;
  double t0 = clock_now();
  rc = agree(rt, fetch_run(c, mine, count, collect_local, &share));
  st->seconds = clock_now() - t0;
  unsigned long long received = k.received;
  if (rc == 0)
    rc = collective_allreduce(rt, MPI_IN_PLACE, &received, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM);
  st->received = received;
  if (rc == 0 && rt->size > 1)
    rc = gather(rt, &k, n, &k);
out:
  for (size_t i = 0; k.held && i < n; i++)
    fetch_result_free(&k.held[i]);
  free(mine);
  free(k.held);
  free(k.have);
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
