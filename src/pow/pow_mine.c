/* pow_mine.c - the search loop and its stop protocol.
 *
 * Work split: rank r takes the chunks r, r + R, r + 2R, ... of the space; inside a rank the
 * threads take the rank's next chunk from a shared atomic counter. No chunk is ever given
 * twice, so no two workers test the same string. A chunk is scanned in slices (whole tiles of
 * the kernel, at least SLICE_MIN candidates: pow_mine_slice), with the stop flag read between
 * slices, so a thread stops within one slice (a quarter to half a millisecond of AVX2 work)
 * rather than at the end of its chunk (10^6 candidates at 50 digits: 20-40 ms on one AVX2
 * thread, and P times that when P ranks share a core).
 *
 * Messages (only each rank's master thread calls MPI: MPI_THREAD_FUNNELED):
 *   worker rank -> 0, TAG_WORK: [done, candidates since the last message, n, mark, signal,
 *     oom, chunk0, lo0, ...], where done says this rank has searched all its chunks (sent
 *     once), mark is the rank's watermark (below; a new one only in the last message of a
 *     batch, so that it never arrives before the coins it covers), signal the SIGINT or
 *     SIGTERM it received, or 0, and oom that it had to drop a coin (rank 0 then stops).
 *     A rank sends at most every SEND_INTERVAL seconds (PROGRESS_INTERVAL with --progress or
 *     checkpoints), at once only for a signal or its done, so that rank 0 absorbs the
 *     traffic of a thousand ranks (about ten small messages per rank and second at most).
 *   0 -> every rank: the stop word, by one MPI_Ibcast on a communicator of its own (a tree:
 *     latency grows as log P). The other ranks post it at the start and test it between
 *     slices; rank 0 posts it when it stops on enough coins, time up, every rank done, or a
 *     signal on any rank.
 * After the stop every worker rank sends the coins it still holds; one reduction of the
 * number of messages each rank sent tells rank 0 how many to wait for, so nothing is in flight
 * at MPI_Finalize, with no per-rank goodbye. Rank 0 keeps no per-rank state but the
 * watermarks of a run with checkpoints (8 bytes a rank).
 *
 * Checkpoints (pow --resume): a rank's watermark is the lowest k it may still be working on:
 * every chunk first_chunk + rank + j * size with j below it is searched and its coins queued.
 * A thread publishes a lower bound of its k before taking it and clears it after queueing
 * the coins of the whole chunk (sequentially consistent atomics); a chunk cut by a stop stays
 * held, so it is searched again on resume. A watermark is read before the coins are sent, so
 * rank 0 never holds a watermark ahead of the coins it covers. The minimum over the ranks, as
 * a chunk index, is what a resumed run can skip. */
#include "pow_mine.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buffer.h"
#include "clock.h"
#include "collective.h"
#include "mpi_check.h"
#include "stop.h"

enum { TAG_WORK = 11 };
enum { HEADER_WORDS = 6, MAX_COINS_PER_MSG = 4096, HITS_PER_SCAN = 64 };
enum { W_DONE, W_CANDIDATES, W_NCOINS, W_MARK, W_SIGNAL, W_OOM }; /* the header's words */
#define NOT_HOLDING UINT64_MAX
#define SLICE_MIN 8192           /* candidates per slice, at least (pow_mine_slice) */
#define SERVE_INTERVAL 0.001     /* seconds between a busy master's MPI duties */
#define SEND_INTERVAL 0.1        /* seconds a worker rank holds its coins to batch them */
#define PROGRESS_INTERVAL 0.25   /* seconds between status lines and progress messages */
#define IDLE_SLEEP 0.0005        /* seconds a master with no chunk left waits between polls */

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
  uint64_t lost_k;     /* the lowest k whose coin was dropped (memory), or NOT_HOLDING */
  int nthreads;
  /* The master's own, for the protocol. */
  int signal_sent;     /* a worker rank told rank 0 about its signal */
  int done_sent;       /* ... that it has searched all its chunks */
  uint64_t reported;   /* candidates already reported to rank 0 */
  uint64_t mark_sent;  /* the watermark rank 0 has (first_chunk's k = 0 at the start) */
  uint64_t sent;       /* messages sent to rank 0 */
  double last_sent, last_served;
  int stop_word;       /* the Ibcast's buffer */
  MPI_Comm stop_comm;
  MPI_Request stop_req;
} rank_state;

/* State only rank 0's master keeps. */
typedef struct root_state {
  uint64_t others;      /* candidates the other ranks reported */
  uint64_t *mark;       /* with checkpoints: the last watermark each rank reported */
  uint64_t received;    /* messages received */
  int oom;              /* some rank had to drop a coin */
  int signal;           /* the first SIGINT / SIGTERM any rank reported */
  double last_checkpoint;
  int ndone, self_done; /* ranks that searched all their chunks; rank 0 among them */
  uint64_t accepted, bad;
  double last_progress;
  double stop_time; /* when rank 0 decided to stop */
} root_state;

/* What the master thread needs for its MPI duties. */
typedef struct master {
  const pow_mine_config *cfg;
  const runtime *rt;
  rank_state *s;
  root_state *r;
  double t0;
  uint64_t *buf;
  size_t cap;
  pow_coin_sink *sink;
  void *ctx;
  int failed; /* an MPI call or the checkpoint failed: the protocol cannot go on */
} master;

static int read_stop(rank_state *s)
{
  int v;
#pragma omp atomic read
  v = s->stop;
  return v;
}

static void set_stop(rank_state *s)
{
#pragma omp atomic write
  s->stop = 1;
}

/* Queues the coins of the rank's chunk k. When memory runs out the coin is dropped, s->oom
 * set and s->lost_k lowered to k, so that the watermark never passes that chunk. */
static void queue_coins(rank_state *s, const pow_mine_config *cfg, uint64_t k, uint64_t chunk,
                        const uint64_t *hits, size_t n)
{
#pragma omp critical(pow_queue)
  {
    /* With checkpoints every coin is kept: a resumed run that asks for more coins must find
     * the ones past the old target in the state, since their chunks are never searched again. */
    for (size_t i = 0; i < n && (cfg->coins == 0 || cfg->checkpoint || s->kept < cfg->coins);
         i++) {
      if (buffer_grow(&s->queue, &s->cap, s->queued + 1, sizeof *s->queue) != 0) {
        uint64_t lost;
        s->oom = 1;
#pragma omp atomic read seq_cst
        lost = s->lost_k;
        if (k < lost) {
#pragma omp atomic write seq_cst
          s->lost_k = k;
        }
        break;
      }
      s->queue[s->queued].chunk = chunk;
      s->queue[s->queued].lo = hits[i];
      s->queued++;
      s->kept++;
    }
  }
}

static int read_oom(rank_state *s)
{
  int v;
#pragma omp critical(pow_queue)
  v = s->oom;
  return v;
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

/* The chunk first_chunk + rank + k * size, or nchunks when that lies at or past the end or
 * past the rank's budget (no overflow). */
static uint64_t chunk_at(const pow_mine_config *cfg, int size, int rank, uint64_t k)
{
  uint64_t n = cfg->space.nchunks, at = cfg->first_chunk + (uint64_t)rank;
  if (cfg->first_chunk >= n || at >= n || k > (n - 1 - at) / (uint64_t)size ||
      (cfg->chunks_per_rank && k >= cfg->chunks_per_rank))
    return n;
  return at + k * (uint64_t)size;
}

static void set_holding(rank_state *s, int tid, uint64_t k)
{
  /* A builtin, not "omp atomic write": GCC 12 warns that the stored parameter is unused. */
  __atomic_store_n(&s->holding[tid], k, __ATOMIC_SEQ_CST);
}

/* The rank's watermark (see the top of the file): read next_k first, then the threads; never
 * past a chunk that lost a coin. */
static uint64_t rank_mark(rank_state *s)
{
  uint64_t mark, h;
#pragma omp atomic read seq_cst
  mark = s->next_k;
#pragma omp atomic read seq_cst
  h = s->lost_k;
  if (h < mark)
    mark = h;
  for (int t = 0; t < s->nthreads; t++) {
#pragma omp atomic read seq_cst
    h = s->holding[t];
    if (h < mark)
      mark = h;
  }
  return mark;
}

static int serve(master *m);

/* The master between two slices: its MPI duties when they are due. */
static void between_slices(master *m)
{
  if (clock_now() - m->s->last_served < SERVE_INTERVAL)
    return;
  if (serve(m) != 0) {
    m->failed = 1;
    set_stop(m->s);
  }
}

/* Scans one chunk in slices; m is the master's duties (NULL on the other threads). Returns 0
 * when the rank has no chunk left. A chunk cut by the stop flag stays held (see the top). */
static int scan_next_chunk(const pow_mine_config *cfg, const runtime *rt, rank_state *s, int tid,
                           master *m)
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
    uint64_t scanned = 0, ask = left < cfg->slice ? left : cfg->slice;
    size_t n = cfg->scan(&batch, &cfg->target, first, ask, hits, HITS_PER_SCAN, &scanned);
    queue_coins(s, cfg, k, chunk, hits, n);
    first += scanned;
    left -= scanned;
    if (m)
      between_slices(m);
    if (left > 0 && read_stop(s))
      break;
  }
#pragma omp atomic
  s->candidates += first;
  if (left == 0)
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

/* Worker rank: sends the queued coins, with the candidates since the last message, the
 * watermark and the signal; done marks this rank's last chunk searched. */
static int send_work(rank_state *s, int done, uint64_t *buf)
{
  size_t left;
  uint64_t mark = rank_mark(s); /* before the coins it covers are taken */
  do {
    size_t n = take_coins(s, (pow_coin *)(buf + HEADER_WORDS), MAX_COINS_PER_MSG, &left);
    uint64_t now = read_candidates(s);
    buf[W_DONE] = (uint64_t)(left == 0 && done);
    buf[W_CANDIDATES] = now - s->reported;
    buf[W_NCOINS] = n;
    buf[W_MARK] = left == 0 ? mark : s->mark_sent;
    buf[W_SIGNAL] = (uint64_t)stop_signal();
    buf[W_OOM] = (uint64_t)read_oom(s);
    int rc = MPI_CHECK(MPI_Send(buf, (int)(HEADER_WORDS + 2 * n), MPI_UINT64_T, 0, TAG_WORK,
                                MPI_COMM_WORLD));
    if (rc != 0)
      return rc;
    s->reported = now;
    s->sent++;
  } while (left > 0);
  s->mark_sent = mark;
  return 0;
}

static void draw_progress(const pow_mine_config *cfg, root_state *r, rank_state *s,
                          double elapsed)
{
  uint64_t total = read_candidates(s) + r->others;
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

/* Rank 0 with checkpoints: the lowest chunk some rank may not have searched. */
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

/* Rank 0: handles one TAG_WORK message from any rank. Returns 0, or STATUS_MPI when the call
 * failed or memory for the message ran out. */
static int receive_work(master *m)
{
  root_state *r = m->r;
  MPI_Status st;
  int count = 0;
  int rc = MPI_CHECK(MPI_Probe(MPI_ANY_SOURCE, TAG_WORK, MPI_COMM_WORLD, &st));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Get_count(&st, MPI_UINT64_T, &count));
  if (rc == 0 && buffer_grow(&m->buf, &m->cap, (size_t)count, sizeof *m->buf) != 0) {
    fprintf(stderr, "pow: out of memory for a message of %d words\n", count);
    rc = STATUS_MPI; /* the protocol cannot go on without it */
  }
  if (rc == 0)
    rc = MPI_CHECK(MPI_Recv(m->buf, count, MPI_UINT64_T, st.MPI_SOURCE, TAG_WORK,
                            MPI_COMM_WORLD, MPI_STATUS_IGNORE));
  if (rc != 0)
    return rc;
  const uint64_t *w = m->buf;
  r->received++;
  r->others += w[W_CANDIDATES];
  for (uint64_t i = 0; i < w[W_NCOINS]; i++)
    accept(m->cfg, r, (const pow_coin *)(w + HEADER_WORDS) + i, m->sink, m->ctx);
  if (r->mark)
    r->mark[st.MPI_SOURCE] = w[W_MARK]; /* after its coins */
  if (w[W_SIGNAL] && !r->signal)
    r->signal = (int)w[W_SIGNAL];
  r->ndone += w[W_DONE] != 0;
  r->oom |= w[W_OOM] != 0;
  return 0;
}

/* Rank 0: every message already waiting. Returns 0 or STATUS_MPI. */
static int receive_waiting(master *m)
{
  for (;;) {
    int flag = 0;
    int rc = MPI_CHECK(MPI_Iprobe(MPI_ANY_SOURCE, TAG_WORK, MPI_COMM_WORLD, &flag,
                                  MPI_STATUS_IGNORE));
    if (rc != 0 || !flag)
      return rc;
    rc = receive_work(m);
    if (rc != 0)
      return rc;
  }
}

/* A worker rank's duties: its coins and news to rank 0 when due, and a look at the stop word. */
static int serve_worker(master *m, double now)
{
  const pow_mine_config *cfg = m->cfg;
  rank_state *s = m->s;
  int flag = 0, finished = local_done(s), signalled = stop_requested() && !s->signal_sent;
  double interval = cfg->progress || cfg->checkpoint ? PROGRESS_INTERVAL : SEND_INTERVAL;
  if (signalled || (finished && !s->done_sent) ||
      (now - s->last_sent >= interval &&
       (queued_coins(s) > 0 || cfg->progress || cfg->checkpoint))) {
    int rc = send_work(s, finished && !s->done_sent, m->buf);
    if (rc != 0)
      return rc;
    s->last_sent = now;
    s->done_sent |= finished;
    s->signal_sent |= signalled;
  }
  int rc = MPI_CHECK(MPI_Test(&s->stop_req, &flag, MPI_STATUS_IGNORE));
  if (rc == 0 && flag)
    set_stop(s);
  return rc;
}

/* Rank 0's duties: the coins, the decision to stop, checkpoints, the status line. */
static int serve_root(master *m, double now)
{
  const pow_mine_config *cfg = m->cfg;
  const runtime *rt = m->rt;
  rank_state *s = m->s;
  root_state *r = m->r;
  uint64_t own_mark = rank_mark(s); /* before the coins it covers */
  accept_local(cfg, s, r, m->sink, m->ctx);
  if (r->mark)
    r->mark[0] = own_mark;
  /* A run of one rank has no MPI to probe (collective.h). */
  int rc = rt->size > 1 ? receive_waiting(m) : 0;
  if (rc != 0)
    return rc;
  if (local_done(s) && !r->self_done) {
    r->self_done = 1;
    r->ndone++;
  }
  fflush(stdout);
  if (!r->signal)
    r->signal = stop_signal();
  if (cfg->checkpoint && now - r->last_checkpoint >= POW_CHECKPOINT_SECONDS) {
    if (cfg->checkpoint(job_watermark(cfg, rt, r), m->ctx) != 0)
      return STATUS_MPI; /* the other ranks would wait for a stop that cannot be trusted */
    r->last_checkpoint = now;
  }
  /* Rank 0's stop flag is set only here (or on a failure, which ends the protocol), so it
   * also says the stop word is out. */
  if (!read_stop(s) &&
      ((cfg->coins && r->accepted >= cfg->coins) ||
       (cfg->seconds > 0 && now - m->t0 >= cfg->seconds) || r->ndone >= rt->size || s->oom ||
       r->oom || r->signal)) {
    r->stop_time = now;
    set_stop(s);
    s->stop_word = 1;
    if (rt->size > 1)
      rc = MPI_CHECK(MPI_Ibcast(&s->stop_word, 1, MPI_INT, 0, s->stop_comm, &s->stop_req));
    if (rc != 0)
      return rc;
  }
  if (cfg->progress && now - r->last_progress >= PROGRESS_INTERVAL) {
    draw_progress(cfg, r, s, now - m->t0);
    r->last_progress = now;
  }
  return 0;
}

/* The master thread's MPI duties, run between its slices. Returns 0, or STATUS_MPI when the
 * protocol cannot go on (an MPI call or the checkpoint failed). */
static int serve(master *m)
{
  double now = clock_now();
  m->s->last_served = now;
  return m->rt->rank == 0 ? serve_root(m, now) : serve_worker(m, now);
}

/* After the stop, every rank: the coins still queued reach rank 0, and rank 0 learns from one
 * reduction how many messages were sent and receives until it has them all. With
 * checkpoints, the final watermark by a second reduction. Returns 0 or STATUS_MPI. */
static int finish(master *m)
{
  const runtime *rt = m->rt;
  rank_state *s = m->s;
  root_state *r = m->r;
  uint64_t mark = chunk_at(m->cfg, rt->size, rt->rank, rank_mark(s)), low = mark, sent = 0;
  MPI_Request req;
  int rc = 0, done = 0;
  if (rt->rank == 0) {
    accept_local(m->cfg, s, r, m->sink, m->ctx);
  } else if (queued_coins(s) > 0) {
    rc = send_work(s, 0, m->buf);
  }
  if (rc == 0 && rt->size > 1)
    rc = MPI_CHECK(MPI_Ireduce(&s->sent, &sent, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD,
                               &req));
  /* Polled with a pause rather than a spinning wait: where ranks share cores, the ones still
   * scanning their last slice get the core. */
  while (rc == 0 && rt->size > 1 && !done) {
    rc = MPI_CHECK(MPI_Test(&req, &done, MPI_STATUS_IGNORE));
    if (rc == 0 && rt->rank == 0)
      rc = receive_waiting(m);
    if (rc == 0 && !done)
      clock_sleep(IDLE_SLEEP / 5);
  }
  while (rc == 0 && rt->rank == 0 && r->received < sent)
    rc = receive_work(m);
  if (rc == 0 && m->cfg->checkpoint)
    rc = collective_reduce(rt, &mark, &low, 1, MPI_UINT64_T, MPI_MIN);
  if (rc == 0 && m->cfg->checkpoint && rt->rank == 0 && m->cfg->checkpoint(low, m->ctx) != 0)
    rc = STATUS_MPI;
  if (rc == 0 && rt->size > 1 && rt->rank == 0) /* rank 0's own stop word, long delivered */
    rc = MPI_CHECK(MPI_Wait(&s->stop_req, MPI_STATUS_IGNORE));
  return rc;
}

uint64_t pow_mine_slice(const pow_space *space, unsigned tile_lanes)
{
  uint64_t tile = tile_lanes ? tile_lanes : 1;
  for (unsigned d = 4; d < space->chunk_digits; d++)
    tile *= 10;
  return (SLICE_MIN + tile - 1) / tile * tile;
}

int pow_mine(const pow_mine_config *cfg, const runtime *rt, pow_coin_sink *sink, void *ctx,
             pow_mine_stats *stats)
{
  rank_state s;
  root_state r;
  master m = { .cfg = cfg, .rt = rt, .s = &s, .r = &r, .sink = sink, .ctx = ctx };
  int rc = 0;
  m.cap = HEADER_WORDS + 2 * MAX_COINS_PER_MSG;
  m.buf = malloc(m.cap * sizeof *m.buf);
  memset(&s, 0, sizeof s);
  memset(&r, 0, sizeof r);
  memset(stats, 0, sizeof *stats);
  s.stop_comm = MPI_COMM_NULL;
  s.lost_k = NOT_HOLDING;
  s.stop_req = MPI_REQUEST_NULL;
  s.nthreads = (int)rt->plan.nthreads;
  s.holding = malloc((size_t)s.nthreads * sizeof *s.holding);
  for (int t = 0; s.holding && t < s.nthreads; t++)
    s.holding[t] = NOT_HOLDING;
  r.accepted = cfg->coins_before;
  if (rt->rank == 0 && cfg->checkpoint)
    r.mark = calloc((size_t)rt->size, sizeof *r.mark);
  if (!m.buf || !s.holding || (rt->rank == 0 && cfg->checkpoint && !r.mark)) {
    fprintf(stderr, "pow: rank %d: out of memory for the search\n", rt->rank);
    rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  /* The stop word's own communicator: its broadcast may be pending on the other ranks while
   * rank 0 takes part in other collectives (mpi_check: MPI_ERRORS_RETURN is inherited). */
  if (rc == 0 && rt->size > 1)
    rc = MPI_CHECK(MPI_Comm_dup(MPI_COMM_WORLD, &s.stop_comm));
  rc = agree_then_start(rt, rc);
  if (rc != 0)
    goto out;
  /* From here on a failure leaves the others in the protocol: STATUS_MPI, and main aborts. */
  rc = STATUS_MPI;
  if (rt->size > 1 && rt->rank != 0 &&
      MPI_CHECK(MPI_Ibcast(&s.stop_word, 1, MPI_INT, 0, s.stop_comm, &s.stop_req)) != 0)
    goto out;
  m.t0 = s.last_sent = s.last_served = r.last_checkpoint = clock_now();

#pragma omp parallel num_threads((int)rt->plan.nthreads)
  {
    /* The threads OpenMP gave (a thread limit may give fewer than planned): each leaves
     * `active` once, so the rank is done only when every one of them is. */
#pragma omp single
    s.active = omp_get_num_threads();
    runtime_bind_self(rt);
    int tid = omp_get_thread_num(), have_work = 1;
    master *me = tid == 0 ? &m : NULL;
    while (!read_stop(&s)) {
      if (have_work) {
        have_work = scan_next_chunk(cfg, rt, &s, tid, me);
        if (!have_work) {
#pragma omp atomic
          s.active--;
        }
      }
      if (!me) {
        if (!have_work)
          break;
        continue;
      }
      if (!have_work) {
        between_slices(me);
        if (!read_stop(&s))
          clock_sleep(IDLE_SLEEP);
      }
    }
  }
  if (m.failed || finish(&m) != 0)
    goto out;
  if (rt->rank == 0) {
    fflush(stdout);
    if (cfg->progress)
      fprintf(stderr, "\r\033[K");
    stats->signal = r.signal ? r.signal : stop_signal();
    stats->coins = r.accepted;
    stats->bad = r.bad;
    stats->exhausted = r.ndone == rt->size && !cfg->chunks_per_rank;
  }
  double end = clock_now();
  stats->seconds = end - m.t0;
  stats->stop_seconds = rt->rank == 0 && r.stop_time > 0 ? end - r.stop_time : 0;
  stats->candidates = s.candidates;
  if (s.oom)
    fprintf(stderr, "rank %d: out of memory queueing coins\n", rt->rank);
  rc = agree(rt, s.oom ? STATUS_SYSTEM : 0);
out:
  if (s.stop_comm != MPI_COMM_NULL && rc != STATUS_MPI)
    MPI_Comm_free(&s.stop_comm);
  free(m.buf);
  free(s.queue);
  free(s.holding);
  free(r.mark);
  return rc;
}
