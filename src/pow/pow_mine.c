/* pow_mine.c - the search loop and its stop protocol.
 *
 * Work split: rank r takes the chunks r, r + R, r + 2R, ... of the space; inside a rank the
 * threads take the rank's next chunk from a shared atomic counter. No chunk is ever given
 * twice, so no two workers test the same string.
 *
 * Messages (only each rank's master thread calls MPI: MPI_THREAD_FUNNELED):
 *   worker rank -> 0, TAG_WORK: [kind, candidates so far, n, mark, signal, chunk0, lo0, ...]
 *     where kind is UPDATE (new coins or progress), DONE (this rank has searched all its
 *     chunks) or BYE (the last message after STOP); mark is the rank's watermark (below);
 *     signal is the SIGINT or SIGTERM the rank received, or 0;
 *   0 -> worker rank, TAG_STOP: stop now.
 * Rank 0 stops on enough coins, time up, every rank DONE, or a signal on any rank; it then
 * waits for every BYE, so nothing is in flight at MPI_Finalize and the candidate totals are
 * exact. Threads check the stop flag between chunks (about 1 ms of AVX-512 work, 60 ms of
 * scalar work for 50 digits), so all ranks stop well within 100 ms.
 *
 * Checkpoints (pow --resume): a rank's watermark is the lowest k it may still be working on:
 * every chunk first_chunk + rank + j * size with j below it is searched and its coins queued.
 * A thread publishes a lower bound of its k before taking it and clears it after queueing
 * the coins (sequentially consistent atomics), and a watermark is read before the coins are
 * sent, so rank 0 never holds a watermark ahead of the coins it covers. The minimum over the
 * ranks, as a chunk index, is what a resumed run can skip. */
#include "pow_mine.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "agree.h"
#include "buffer.h"
#include "mpi_check.h"
#include "stop.h"

enum { TAG_WORK = 11, TAG_STOP = 12 };
enum { MSG_UPDATE = 1, MSG_DONE = 2, MSG_BYE = 3 };
enum { HEADER_WORDS = 5, MAX_COINS_PER_MSG = 4096, HITS_PER_SCAN = 64 };
enum { W_KIND, W_CANDIDATES, W_NCOINS, W_MARK, W_SIGNAL }; /* the header's words */
#define NOT_HOLDING UINT64_MAX
#define PROGRESS_INTERVAL 0.25 /* seconds between status lines and progress messages */
#define IDLE_SLEEP 0.0005      /* seconds a master with no chunk left waits between polls */

/* State shared by the threads of one rank. */
typedef struct rank_state {
  uint64_t next_k;     /* this rank's next chunk is rank + next_k * size (atomic) */
  uint64_t candidates; /* tested so far (atomic) */
  int stop;            /* set by the master, read by all (atomic) */
  int active;          /* threads still taking chunks (atomic) */
  pow_coin *queue;     /* coins found, not yet handed on (omp critical pow_queue) */
  size_t queued, cap;
  uint64_t kept;       /* coins ever queued: capped at cfg->coins, since no more can print */
  int oom;
  uint64_t *holding;   /* per thread: a lower bound of the k it holds, or NOT_HOLDING */
  int nthreads;
  int signal_sent;     /* a worker rank told rank 0 about its signal */
} rank_state;

/* State only rank 0's master keeps. */
typedef struct root_state {
  uint64_t *candidates; /* last count reported by each rank */
  uint64_t *mark;       /* last watermark reported by each rank */
  int signal;           /* the first SIGINT / SIGTERM any rank reported */
  double last_checkpoint;
  char *done;           /* each rank has searched all its chunks */
  int ndone;
  uint64_t accepted, bad;
  double last_progress;
  double stop_time; /* when rank 0 decided to stop */
} root_state;

static int read_stop(rank_state *s)
{
  int v;
#pragma omp atomic read
  v = s->stop;
  return v;
}

static void queue_coins(rank_state *s, const pow_mine_config *cfg, uint64_t chunk,
                        const uint64_t *hits, size_t n)
{
#pragma omp critical(pow_queue)
  {
    /* With checkpoints every coin is kept: a resumed run that asks for more coins must find
     * the ones past the old target in the state, since their chunks are never searched again. */
    for (size_t i = 0; i < n && (cfg->coins == 0 || cfg->checkpoint || s->kept < cfg->coins);
         i++) {
      if (buffer_grow(&s->queue, &s->cap, s->queued + 1, sizeof *s->queue) != 0) {
        s->oom = 1;
        break;
      }
      s->queue[s->queued].chunk = chunk;
      s->queue[s->queued].lo = hits[i];
      s->queued++;
      s->kept++;
    }
  }
}

/* Moves up to max queued coins into out; returns how many, and in *left how many remain. */
static size_t take_coins(rank_state *s, pow_coin *out, size_t max, size_t *left)
{
  size_t n;
#pragma omp critical(pow_queue)
  {
    n = s->queued < max ? s->queued : max;
    if (n > 0) { /* the queue is NULL until the first coin */
      memcpy(out, s->queue, n * sizeof *out);
      memmove(s->queue, s->queue + n, (s->queued - n) * sizeof *out);
      s->queued -= n;
    }
    *left = s->queued;
  }
  return n;
}

static size_t queued_coins(rank_state *s)
{
  size_t n;
#pragma omp critical(pow_queue)
  n = s->queued;
  return n;
}

/* The chunk first_chunk + rank + k * size, or nchunks when that lies at or past the end (no
 * overflow). */
static uint64_t chunk_at(const pow_mine_config *cfg, int size, int rank, uint64_t k)
{
  uint64_t n = cfg->space.nchunks, at = cfg->first_chunk + (uint64_t)rank;
  if (cfg->first_chunk >= n || at >= n || k > (n - 1 - at) / (uint64_t)size)
    return n;
  return at + k * (uint64_t)size;
}

static void set_holding(rank_state *s, int tid, uint64_t k)
{
  /* A builtin, not "omp atomic write": GCC 12 warns that the stored parameter is unused. */
  __atomic_store_n(&s->holding[tid], k, __ATOMIC_SEQ_CST);
}

/* The rank's watermark (see the top of the file): read next_k first, then the threads. */
static uint64_t rank_mark(rank_state *s)
{
  uint64_t mark, h;
#pragma omp atomic read seq_cst
  mark = s->next_k;
  for (int t = 0; t < s->nthreads; t++) {
#pragma omp atomic read seq_cst
    h = s->holding[t];
    if (h < mark)
      mark = h;
  }
  return mark;
}

/* Scans one chunk; returns 0 when the rank has no chunk left. */
static int scan_next_chunk(const pow_mine_config *cfg, const runtime *rt, rank_state *s, int tid)
{
  uint64_t k, hits[HITS_PER_SCAN];
#pragma omp atomic read seq_cst
  k = s->next_k;
  set_holding(s, tid, k); /* next_k only grows: the k taken below is at least this */
#pragma omp atomic capture seq_cst
  k = s->next_k++;
  uint64_t chunk = chunk_at(cfg, rt->size, rt->rank, k);
  if (chunk == cfg->space.nchunks) {
    set_holding(s, tid, NOT_HOLDING);
    return 0;
  }
  pow_batch batch;
  pow_space_chunk(&cfg->space, chunk, &batch);
  uint64_t first = 0, left = pow_batch_size(&batch);
  while (left > 0) {
    uint64_t scanned = 0;
    size_t n = cfg->scan(&batch, &cfg->target, first, left, hits, HITS_PER_SCAN, &scanned);
    queue_coins(s, cfg, chunk, hits, n);
    first += scanned;
    left -= scanned;
  }
#pragma omp atomic
  s->candidates += first;
  set_holding(s, tid, NOT_HOLDING);
  return 1;
}

static int local_done(rank_state *s)
{
  int active;
#pragma omp atomic read
  active = s->active;
  return active == 0;
}

static uint64_t read_candidates(rank_state *s)
{
  uint64_t v;
#pragma omp atomic read
  v = s->candidates;
  return v;
}

/* Worker rank: sends queued coins (and progress, DONE or BYE) to rank 0. */
static int send_work(rank_state *s, int kind, uint64_t *buf)
{
  size_t left;
  uint64_t mark = rank_mark(s); /* before the coins it covers are taken */
  do {
    size_t n = take_coins(s, (pow_coin *)(buf + HEADER_WORDS), MAX_COINS_PER_MSG, &left);
    buf[W_KIND] = (uint64_t)(left == 0 ? kind : MSG_UPDATE);
    buf[W_CANDIDATES] = read_candidates(s);
    buf[W_NCOINS] = n;
    buf[W_MARK] = mark;
    buf[W_SIGNAL] = (uint64_t)stop_signal();
    int rc = MPI_CHECK(MPI_Send(buf, (int)(HEADER_WORDS + 2 * n), MPI_UINT64_T, 0, TAG_WORK,
                                MPI_COMM_WORLD));
    if (rc != 0)
      return rc;
  } while (left > 0);
  return 0;
}

static void draw_progress(const pow_mine_config *cfg, const runtime *rt, root_state *r,
                          rank_state *s, double elapsed)
{
  uint64_t total = read_candidates(s);
  for (int i = 1; i < rt->size; i++)
    total += r->candidates[i];
  fprintf(stderr, "\rpow: %.1f s, %.1f M candidates, %.2f M/s, %llu", elapsed, total / 1e6,
          elapsed > 0 ? total / elapsed / 1e6 : 0.0, (unsigned long long)r->accepted);
  if (cfg->coins)
    fprintf(stderr, "/%llu", (unsigned long long)cfg->coins);
  fprintf(stderr, " coins\033[K");
  fflush(stderr);
}

/* Rank 0: accepts a coin when there is still room for one (always, with checkpoints: see
 * queue_coins). */
static void accept(const pow_mine_config *cfg, root_state *r, const pow_coin *c,
                   pow_coin_sink *sink, void *ctx)
{
  if (cfg->coins && !cfg->checkpoint && r->accepted >= cfg->coins)
    return;
  int verdict = sink(c, ctx);
  if (verdict == POW_SINK_KNOWN)
    return;
  r->accepted++;
  if (verdict != POW_SINK_OK)
    r->bad++;
}

/* Rank 0: the lowest chunk some rank may not have searched. */
static uint64_t job_watermark(const pow_mine_config *cfg, const runtime *rt, const root_state *r)
{
  uint64_t low = cfg->space.nchunks;
  for (int i = 0; i < rt->size; i++) {
    uint64_t c = chunk_at(cfg, rt->size, i, r->mark[i]);
    if (c < low)
      low = c;
  }
  return low;
}

/* Rank 0: accepts the coins its own threads queued. */
static void accept_local(const pow_mine_config *cfg, rank_state *s, root_state *r,
                         pow_coin_sink *sink, void *ctx)
{
  pow_coin local[256];
  size_t n, left;
  do {
    n = take_coins(s, local, 256, &left);
    for (size_t i = 0; i < n; i++)
      accept(cfg, r, &local[i], sink, ctx);
  } while (left > 0);
}

/* Rank 0: handles one TAG_WORK message from any rank; returns the sender's kind, or
 * STATUS_MPI when the call failed or memory for the message ran out. */
static int receive_work(const pow_mine_config *cfg, root_state *r, int source, uint64_t **buf,
                        size_t *cap, pow_coin_sink *sink, void *ctx)
{
  MPI_Status st;
  int count = 0;
  int rc = MPI_CHECK(MPI_Probe(source, TAG_WORK, MPI_COMM_WORLD, &st));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Get_count(&st, MPI_UINT64_T, &count));
  if (rc == 0 && buffer_grow(buf, cap, (size_t)count, sizeof **buf) != 0) {
    fprintf(stderr, "pow: out of memory for a message of %d words\n", count);
    rc = STATUS_MPI; /* the protocol cannot go on without it */
  }
  if (rc == 0)
    rc = MPI_CHECK(MPI_Recv(*buf, count, MPI_UINT64_T, st.MPI_SOURCE, TAG_WORK, MPI_COMM_WORLD,
                            MPI_STATUS_IGNORE));
  if (rc != 0)
    return rc;
  uint64_t *m = *buf;
  r->candidates[st.MPI_SOURCE] = m[W_CANDIDATES];
  for (uint64_t i = 0; i < m[W_NCOINS]; i++)
    accept(cfg, r, (const pow_coin *)(m + HEADER_WORDS) + i, sink, ctx);
  r->mark[st.MPI_SOURCE] = m[W_MARK]; /* after its coins */
  if (m[W_SIGNAL] && !r->signal)
    r->signal = (int)m[W_SIGNAL];
  if (m[W_KIND] == MSG_DONE && !r->done[st.MPI_SOURCE]) {
    r->done[st.MPI_SOURCE] = 1;
    r->ndone++;
  }
  return (int)m[W_KIND];
}

/* The master thread's MPI duties, run between its chunks. Returns 0, or STATUS_MPI when the
 * protocol cannot go on (an MPI call or the checkpoint failed). */
static int serve(const pow_mine_config *cfg, const runtime *rt, rank_state *s, root_state *r,
                 double t0, double *last_sent, int *done_sent, uint64_t **buf, size_t *cap,
                 pow_coin_sink *sink, void *ctx)
{
  double now = clock_now();
  int rc = 0;
  if (rt->rank != 0) {
    int flag = 0, finished = local_done(s), signalled = stop_requested() && !s->signal_sent;
    if (queued_coins(s) > 0 || signalled ||
        ((cfg->progress || cfg->checkpoint) && now - *last_sent >= PROGRESS_INTERVAL) ||
        (finished && !*done_sent)) {
      rc = send_work(s, finished ? MSG_DONE : MSG_UPDATE, *buf);
      if (rc != 0)
        return rc;
      *last_sent = now;
      *done_sent |= finished;
      s->signal_sent |= signalled;
    }
    rc = MPI_CHECK(MPI_Iprobe(0, TAG_STOP, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE));
    if (rc == 0 && flag) {
      int dummy;
      rc = MPI_CHECK(MPI_Recv(&dummy, 1, MPI_INT, 0, TAG_STOP, MPI_COMM_WORLD,
                              MPI_STATUS_IGNORE));
#pragma omp atomic write
      s->stop = 1;
    }
    return rc;
  }

  uint64_t own_mark = rank_mark(s); /* before the coins it covers */
  accept_local(cfg, s, r, sink, ctx);
  r->mark[0] = own_mark;
  /* A run of one rank has no MPI to probe (collective.h). */
  for (; rt->size > 1;) {
    int flag = 0;
    rc = MPI_CHECK(MPI_Iprobe(MPI_ANY_SOURCE, TAG_WORK, MPI_COMM_WORLD, &flag,
                              MPI_STATUS_IGNORE));
    if (rc != 0)
      return rc;
    if (!flag)
      break;
    rc = receive_work(cfg, r, MPI_ANY_SOURCE, buf, cap, sink, ctx);
    if (rc < 0)
      return rc;
  }
  if (local_done(s) && !r->done[0]) {
    r->done[0] = 1;
    r->ndone++;
  }
  fflush(stdout);
  if (!r->signal)
    r->signal = stop_signal();
  if (cfg->checkpoint && now - r->last_checkpoint >= POW_CHECKPOINT_SECONDS) {
    if (cfg->checkpoint(job_watermark(cfg, rt, r), ctx) != 0)
      return STATUS_MPI; /* the other ranks would wait for a stop that cannot be trusted */
    r->last_checkpoint = now;
  }
  if ((cfg->coins && r->accepted >= cfg->coins) || (cfg->seconds > 0 && now - t0 >= cfg->seconds) ||
      r->ndone == rt->size || s->oom || r->signal) {
    r->stop_time = now;
#pragma omp atomic write
    s->stop = 1;
    for (int i = 1; rc == 0 && i < rt->size; i++) {
      int dummy = 0;
      rc = MPI_CHECK(MPI_Send(&dummy, 1, MPI_INT, i, TAG_STOP, MPI_COMM_WORLD));
    }
    if (rc != 0)
      return rc;
  }
  if (cfg->progress && now - r->last_progress >= PROGRESS_INTERVAL) {
    draw_progress(cfg, rt, r, s, now - t0);
    r->last_progress = now;
  }
  return 0;
}

int pow_mine(const pow_mine_config *cfg, const runtime *rt, pow_coin_sink *sink, void *ctx,
             pow_mine_stats *stats)
{
  rank_state s;
  root_state r;
  int rc = 0, failed = 0;
  size_t cap = HEADER_WORDS + 2 * MAX_COINS_PER_MSG;
  uint64_t *buf = malloc(cap * sizeof *buf);
  memset(&s, 0, sizeof s);
  memset(&r, 0, sizeof r);
  memset(stats, 0, sizeof *stats);
  s.active = s.nthreads = (int)rt->plan.nthreads;
  s.holding = malloc((size_t)s.nthreads * sizeof *s.holding);
  for (int t = 0; s.holding && t < s.nthreads; t++)
    s.holding[t] = NOT_HOLDING;
  r.accepted = cfg->coins_before;
  if (rt->rank == 0) {
    r.candidates = calloc((size_t)rt->size, sizeof *r.candidates);
    r.mark = calloc((size_t)rt->size, sizeof *r.mark);
    r.done = calloc((size_t)rt->size, 1);
  }
  if (!buf || !s.holding || (rt->rank == 0 && (!r.candidates || !r.mark || !r.done))) {
    fprintf(stderr, "pow: rank %d: out of memory for the search\n", rt->rank);
    rc = STATUS_SYSTEM;
  }
  rc = agree_then_start(rt, rc);
  if (rc != 0)
    goto out;
  /* From here on a failure leaves the others in the protocol: STATUS_MPI, and main aborts. */
  rc = STATUS_MPI;
  double t0 = clock_now(), last_sent = t0;
  r.last_checkpoint = t0;
  int done_sent = 0;

#pragma omp parallel num_threads((int)rt->plan.nthreads)
  {
    runtime_bind_self(rt);
    int tid = omp_get_thread_num(), master = tid == 0, have_work = 1;
    while (!read_stop(&s)) {
      if (have_work) {
        have_work = scan_next_chunk(cfg, rt, &s, tid);
        if (!have_work) {
#pragma omp atomic
          s.active--;
        }
      }
      if (!master) {
        if (!have_work)
          break;
        continue;
      }
      if (serve(cfg, rt, &s, &r, t0, &last_sent, &done_sent, &buf, &cap, sink, ctx) != 0) {
        failed = 1;
#pragma omp atomic write
        s.stop = 1;
      }
      if (!have_work && !read_stop(&s))
        clock_sleep(IDLE_SLEEP);
    }
  }
  if (failed)
    goto out;

  /* Goodbyes: every worker rank reports its final count; rank 0 waits for all of them. */
  if (rt->rank != 0) {
    if (send_work(&s, MSG_BYE, buf) != 0)
      goto out;
  } else {
    uint64_t own_mark = rank_mark(&s);
    accept_local(cfg, &s, &r, sink, ctx);
    r.mark[0] = own_mark;
    for (int i = 1; i < rt->size; i++) {
      int kind;
      do {
        kind = receive_work(cfg, &r, i, &buf, &cap, sink, ctx);
        if (kind < 0)
          goto out;
      } while (kind != MSG_BYE);
    }
    if (cfg->checkpoint && cfg->checkpoint(job_watermark(cfg, rt, &r), ctx) != 0)
      goto out;
    fflush(stdout);
    if (cfg->progress)
      fprintf(stderr, "\r\033[K");
    stats->signal = r.signal ? r.signal : stop_signal();
    stats->coins = r.accepted;
    stats->bad = r.bad;
    stats->exhausted = r.ndone == rt->size;
  }
  double end = clock_now();
  stats->seconds = end - t0;
  stats->stop_seconds = rt->rank == 0 && r.stop_time > 0 ? end - r.stop_time : 0;
  stats->candidates = s.candidates;
  if (s.oom)
    fprintf(stderr, "rank %d: out of memory queueing coins\n", rt->rank);
  rc = agree(rt, s.oom ? STATUS_SYSTEM : 0);
out:
  free(buf);
  free(s.queue);
  free(s.holding);
  free(r.candidates);
  free(r.mark);
  free(r.done);
  return rc;
}
