/* trial_run.c - the divisor table, the task list and its rounds, and the count. */
#include "trial_run.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "miller_rabin.h"
#include "agree.h"
#include "collective.h"
#include "mpi_check.h"
#include "sieve_scan.h"
#include "stop.h"
#include "trial.h"

#define TABLE_LIMIT ((uint64_t)1 << 26) /* divisors below this come from the table */
#define PIECE ((uint64_t)1 << 20)       /* divisor values per table piece (~80k primes) */
#define SPAN ((uint64_t)1 << 24)        /* divisor values per sieved span above the table */
#define BATCH_BYTES 4096                /* wheel bytes of a span collected at a time */
enum { TASKS_PER_WORKER_ROUND = 16, COUNT_BLOCK = 1 << 14 };

typedef struct piece {
  uint64_t lo, hi;
  uint32_t *p;
  uint64_t *inv;
  size_t n;
} piece;

typedef struct divisors {
  uint64_t limit; /* the table holds the primes 7..limit */
  size_t npieces;
  piece *pieces;
  void *memory; /* every piece's arrays, in one allocation */
} divisors;

/* At most this many primes lie in any interval of PIECE numbers: pi(x + y) - pi(x) <= 2y / ln y
 * (Montgomery and Vaughan's Brun-Titchmarsh bound), 2^21 / ln 2^20 < 151300. Each piece gets
 * that much room in one allocation; the pages a piece leaves untouched are never backed by
 * memory. Faulting in the pages it does touch is most of the table's cost (about 10 of 16 ms
 * for the primes below 3.3e7 on the reference machine); transparent huge pages cut that but
 * stalled some runs for 100 ms on compaction, so they are not asked for. */
#define PIECE_MAX_PRIMES 151300

static void divisors_free(divisors *d)
{
  free(d->memory);
  free(d->pieces);
  memset(d, 0, sizeof *d);
}

/* Sieves one piece straight into its inverse array, then turns the primes into inverses in
 * place. Returns 0 or -1. */
static int build_piece(sieve_engine *e, piece *pc)
{
  int rc = sieve_engine_start(e, pc->lo, pc->hi);
  size_t n = 0;
  while (rc == 0) {
    sieve_segment s;
    int more = sieve_engine_next(e, &s);
    if (more <= 0) {
      rc = more;
      break;
    }
    rc = sieve_scan_collect(&s, pc->inv, &n, PIECE_MAX_PRIMES);
  }
  if (rc == 0)
    trial_inverse_many(pc->inv, pc->p, n);
  pc->n = n;
  return rc;
}

/* The primes 7..limit in pieces, built by `threads` threads. Returns 0 or -1. */
static int divisors_build(const runtime *rt, const trial_job *job, uint64_t limit, int threads,
                          divisors *d)
{
  memset(d, 0, sizeof *d);
  d->limit = limit;
  d->npieces = limit >= 7 ? (size_t)(limit / PIECE + 1) : 0;
  d->pieces = calloc(d->npieces ? d->npieces : 1, sizeof *d->pieces);
  if (!d->pieces)
    return -1;
  if (d->npieces > 0) {
    d->memory = malloc(d->npieces * PIECE_MAX_PRIMES * (sizeof(uint32_t) + sizeof(uint64_t)));
    if (!d->memory) {
      divisors_free(d);
      return -1;
    }
  }
  uint64_t *inv = d->memory;
  uint32_t *p = (uint32_t *)(inv + d->npieces * PIECE_MAX_PRIMES);
  for (size_t j = 0; j < d->npieces; j++) {
    d->pieces[j].lo = j * PIECE;
    d->pieces[j].hi = (j + 1) * PIECE - 1 < limit ? (j + 1) * PIECE - 1 : limit;
    d->pieces[j].inv = inv + j * PIECE_MAX_PRIMES;
    d->pieces[j].p = p + j * PIECE_MAX_PRIMES;
  }
  int failed = 0;
#pragma omp parallel num_threads(threads) reduction(| : failed)
  {
    runtime_bind_self(rt);
    sieve_engine e;
    failed = sieve_engine_init(&e, job->tables, job->sizes) != 0;
#pragma omp for schedule(dynamic, 1)
    for (size_t j = 0; j < d->npieces; j++)
      if (!failed && build_piece(&e, &d->pieces[j]) != 0)
        failed = 1;
    sieve_engine_free(&e);
  }
  if (failed)
    divisors_free(d);
  return failed ? -1 : 0;
}

/* The verdict from 2, 3, 5 alone, or -1 when divisors from 7 on must decide. */
static int64_t quick_verdict(uint64_t n, uint64_t *v)
{
  if (n < 2) {
    *v = TRIAL_NEITHER;
    return 0;
  }
  uint64_t f = trial_wheel_factor(n);
  if (f) {
    *v = f == n ? TRIAL_PRIME : f;
    return 0;
  }
  if (n < 49) {
    *v = TRIAL_PRIME;
    return 0;
  }
  return -1;
}

/* How many table pieces hold divisors of a number whose square root is root. */
static size_t pieces_for(const divisors *d, uint64_t root)
{
  return d->npieces < root / PIECE + 1 ? d->npieces : (size_t)(root / PIECE + 1);
}

/* The smallest factor of n among the table's primes, or 0. */
static uint64_t table_factor(const divisors *d, uint64_t n, size_t first, size_t last)
{
  for (size_t j = first; j < last; j++) {
    const piece *pc = &d->pieces[j];
    if (pc->lo > 0 && pc->lo > n / pc->lo)
      break;
    uint64_t f = trial_first_divisor(n, pc->p, pc->inv, pc->n);
    if (f)
      return f;
  }
  return 0;
}

/* ---- the list ---------------------------------------------------------------------- */

typedef struct list_state {
  const uint64_t *nums;
  size_t n;
  const divisors *d;
  size_t *task_start; /* tasks of number i: [task_start[i], task_start[i + 1]) */
  uint64_t *found;    /* smallest factor found so far; UINT64_MAX for none */
  uint64_t *verdict;  /* final where no task remains */
} list_state;

static uint64_t read_found(const uint64_t *f)
{
  uint64_t v;
#pragma omp atomic read
  v = *f;
  return v;
}

/* Writers take turns (the critical section); readers do not wait, so the store is atomic too:
 * a plain store under the lock against read_found's atomic load was a data race (found by the
 * ThreadSanitizer build). */
static void lower_found(uint64_t *f, uint64_t v)
{
#pragma omp critical(trial_found)
  if (v < read_found(f)) {
#pragma omp atomic write
    *f = v;
  }
}

/* Sieves the divisor span [lo, hi] and tests x with each prime, stopping once any worker has
 * a factor of x below the primes still to test. */
static int stream_span(sieve_engine *e, uint64_t x, uint64_t lo, uint64_t hi, uint64_t *found,
                       uint64_t *buf)
{
  if (sieve_engine_start(e, lo, hi) != 0)
    return -1;
  for (;;) {
    sieve_segment s;
    int more = sieve_engine_next(e, &s);
    if (more <= 0)
      return more;
    for (size_t off = 0; off < s.nbytes; off += BATCH_BYTES) {
      if (read_found(found) < 30 * (s.first_byte + off))
        return 0;
      sieve_segment part = { s.bits + off, s.nbytes - off < BATCH_BYTES ? s.nbytes - off
                                                                         : BATCH_BYTES,
                             s.first_byte + off };
      size_t n = 0;
      sieve_scan_collect(&part, buf, &n, BATCH_BYTES * 8);
      uint64_t f = trial_first_divisor_stream(x, buf, n);
      if (f) {
        lower_found(found, f);
        return 0;
      }
    }
  }
}

/* Runs task t; returns 0 or -1. */
static int run_task(const list_state *ls, sieve_engine *e, uint64_t *buf, size_t t)
{
  /* The number: the last i with task_start[i] <= t. */
  size_t lo = 0, hi = ls->n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (ls->task_start[mid] <= t)
      lo = mid;
    else
      hi = mid;
  }
  const size_t i = lo, k = t - ls->task_start[i];
  const uint64_t x = ls->nums[i], root = sieve_isqrt(x);
  uint64_t *found = &ls->found[i];
  const size_t ntab = pieces_for(ls->d, root);
  if (k < ntab) {
    if (read_found(found) < ls->d->pieces[k].lo)
      return 0;
    uint64_t f = table_factor(ls->d, x, k, k + 1);
    if (f)
      lower_found(found, f);
    return 0;
  }
  uint64_t span_lo = ls->d->limit + 1 + (k - ntab) * SPAN;
  uint64_t span_hi = root - span_lo < SPAN - 1 ? root : span_lo + SPAN - 1;
  if (read_found(found) < span_lo)
    return 0;
  return stream_span(e, x, span_lo, span_hi, found, buf);
}

static int make_tasks(list_state *ls, uint64_t limit)
{
  ls->task_start = malloc((ls->n + 1) * sizeof *ls->task_start);
  ls->found = malloc(ls->n * sizeof *ls->found);
  ls->verdict = malloc(ls->n * sizeof *ls->verdict);
  if (!ls->task_start || !ls->found || !ls->verdict)
    return -1;
  size_t total = 0;
  for (size_t i = 0; i < ls->n; i++) {
    ls->task_start[i] = total;
    ls->found[i] = UINT64_MAX;
    if (quick_verdict(ls->nums[i], &ls->verdict[i]) == 0)
      continue;
    uint64_t root = sieve_isqrt(ls->nums[i]);
    size_t ntab = pieces_for(ls->d, root);
    size_t nspan = root > limit ? (size_t)((root - limit - 1) / SPAN + 1) : 0;
    total += ntab + nspan;
  }
  ls->task_start[ls->n] = total;
  return 0;
}

static uint64_t max_root(const uint64_t *nums, size_t n)
{
  uint64_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (nums[i] > m)
      m = nums[i];
  return sieve_isqrt(m);
}

void trial_block(size_t n, int rank, int ranks, size_t *lo, size_t *hi)
{
  *lo = rank < ranks ? (size_t)((unsigned __int128)n * (unsigned)rank / (unsigned)ranks) : n;
  *hi = rank < ranks ? (size_t)((unsigned __int128)n * (unsigned)(rank + 1) / (unsigned)ranks) : n;
}

int trial_block_layout(size_t n, int ranks, int size, int **counts, int **offsets)
{
  *counts = malloc((size_t)size * sizeof **counts);
  *offsets = malloc((size_t)size * sizeof **offsets);
  if (!*counts || !*offsets || n > INT_MAX)
    return STATUS_SYSTEM;
  for (int r = 0; r < size; r++) {
    size_t a, b;
    trial_block(n, r, ranks, &a, &b);
    (*counts)[r] = (int)(b - a);
    (*offsets)[r] = (int)(a < n ? a : 0);
  }
  return 0;
}

/* --method mr: each number on its own, a contiguous block per rank (trial_block) split over
 * its threads; the verdicts gathered on rank 0 only (each other rank holds its block's, and
 * with job->split only its block of the numbers). Returns 0,
 * STATUS_SYSTEM on every rank when memory ran out on any or the list passes MPI's int
 * counts, or STATUS_MPI. */
static int run_mr_list(const runtime *rt, const trial_job *job, const uint64_t *nums, size_t n,
                       uint64_t *verdict)
{
  const runtime_team team = runtime_team_of(rt, job->all_workers);
  const int ranks = team.ranks, threads = team.threads;
  size_t lo, hi;
  trial_block(n, rt->rank, ranks, &lo, &hi);
  const uint64_t *block = job->split && rt->rank != 0 ? nums : nums + lo; /* number lo */
  uint64_t *mine = rt->rank != 0 ? malloc((hi > lo ? hi - lo : 1) * sizeof *mine)
                   : verdict ? verdict + lo : NULL;
  int *counts = NULL, *offsets = NULL;
  int rc = mine && n <= INT_MAX ? 0 : STATUS_SYSTEM;
  if (rc == 0 && rt->rank == 0 && rt->size > 1)
    rc = trial_block_layout(n, ranks, rt->size, &counts, &offsets);
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 16)
  for (size_t i = lo; i < hi; i++) {
    uint64_t v, x = block[i - lo];
    if (quick_verdict(x, &v) != 0)
      v = miller_rabin_is_prime(x) ? TRIAL_PRIME : TRIAL_COMPOSITE;
    mine[i - lo] = v;
  }
  if (rt->size > 1) /* rank 0's block is in place already */
    rc = MPI_CHECK(MPI_Gatherv(rt->rank == 0 ? MPI_IN_PLACE : mine, (int)(hi - lo),
                               MPI_UINT64_T, verdict, counts, offsets, MPI_UINT64_T, 0,
                               MPI_COMM_WORLD));
out:
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "trial: out of memory\n");
  if (rt->rank != 0)
    free(mine);
  free(counts);
  free(offsets);
  return rc;
}

/* Trial division in rounds of tasks: each round's factors shared, the numbers it finished
 * handed to the sink on rank 0. */
static int run_td_list(const runtime *rt, const trial_job *job, const uint64_t *nums, size_t n,
                       trial_sink *sink, void *ctx, trial_stats *st)
{
  const runtime_team team = runtime_team_of(rt, job->all_workers);
  const int ranks = team.ranks, threads = team.threads;
  list_state ls = { nums, n, NULL, NULL, NULL, NULL };
  divisors d;
  uint64_t root = max_root(nums, n), limit = root < TABLE_LIMIT ? root : TABLE_LIMIT;
  int failed = divisors_build(rt, job, limit, rt->rank < ranks ? threads : 1, &d) != 0;
  ls.d = &d;
  if (!failed && make_tasks(&ls, limit) != 0)
    failed = 1;
  int rc = agree(rt, failed ? STATUS_SYSTEM : 0);
  int oom = rc == STATUS_SYSTEM; /* memory, not the sink, said no */
  if (rc != 0)
    goto out;
  const size_t ntasks = ls.task_start[n];
  const size_t round = (size_t)ranks * (size_t)threads * TASKS_PER_WORKER_ROUND;
  size_t printed = 0, first_num = 0;
  st->tasks = ntasks;
  for (size_t r0 = 0; rc == 0; r0 += round) {
    size_t r1 = r0 + round < ntasks ? r0 + round : ntasks;
    if (rt->rank < ranks && r1 > r0) {
      size_t mine = (size_t)runtime_share(r1 - r0, rt->rank, ranks);
#pragma omp parallel num_threads(threads) reduction(| : failed)
      {
        runtime_bind_self(rt);
        sieve_engine e;
        uint64_t *buf = malloc(BATCH_BYTES * 8 * sizeof *buf);
        /* The engine first, whatever malloc said: sieve_engine_free needs it initialised. */
        failed = sieve_engine_init(&e, job->tables, job->sizes) != 0 || !buf;
#pragma omp for schedule(dynamic, 1)
        for (size_t k = 0; k < mine; k++)
          if (!failed && !stop_requested() &&
              run_task(&ls, &e, buf, r0 + (size_t)rt->rank + k * (size_t)ranks) != 0)
            failed = 1;
        sieve_engine_free(&e);
        free(buf);
      }
    }
    /* Share the factors of the numbers this round touched; then the numbers whose tasks are
     * all done are final. */
    size_t last_num = first_num;
    while (last_num < n && ls.task_start[last_num] < r1)
      last_num++;
    if (last_num > first_num)
      rc = collective_allreduce(rt, MPI_IN_PLACE, ls.found + first_num,
                                (int)(last_num - first_num), MPI_UINT64_T, MPI_MIN);
    /* One reduction agrees on both: a failure on any rank (the worst code), and a signal on
     * any rank, which ends the run here, before this round's numbers (some of whose tasks
     * were skipped) get verdicts: the ones printed so far are final. */
    int mine[2] = { failed ? STATUS_SYSTEM : 0, -stop_requested() }, all[2] = { 0, 0 };
    if (rc == 0)
      rc = collective_allreduce(rt, mine, all, 2, MPI_INT, MPI_MIN);
    if (rc == 0)
      rc = all[0];
    oom = rc == STATUS_SYSTEM;
    if (rc != 0 || all[1] < 0)
      break;
    size_t done = printed;
    while (done < n && ls.task_start[done + 1] <= r1)
      done++;
    for (size_t i = printed; i < done; i++)
      if (ls.task_start[i + 1] > ls.task_start[i])
        ls.verdict[i] = ls.found[i] == UINT64_MAX ? TRIAL_PRIME : ls.found[i];
    int sunk = 0;
    if (rt->rank == 0 && done > printed)
      sunk = sink(nums, ls.verdict, printed, done - printed, ctx);
    rc = agree(rt, sunk);
    printed = done;
    /* The next round starts at the number of its first task. */
    first_num = last_num > 0 ? last_num - 1 : 0;
    if (r1 >= ntasks)
      break;
  }
  st->done = printed;
out:
  if (oom && rt->rank == 0)
    fprintf(stderr, "trial: out of memory\n");
  divisors_free(&d);
  free(ls.task_start);
  free(ls.found);
  free(ls.verdict);
  return rc;
}

int trial_run_list(const runtime *rt, const trial_job *job, const uint64_t *nums, size_t n,
                   trial_sink *sink, void *ctx, trial_stats *st)
{
  uint64_t *verdict = NULL;
  memset(st, 0, sizeof *st);
  st->threads = runtime_team_of(rt, job->all_workers).threads;
  int rc = collective_barrier(rt);
  if (rc != 0)
    return rc;
  double t0 = clock_now();
  if (job->method == TRIAL_MR) {
    verdict = rt->rank == 0 ? malloc((n ? n : 1) * sizeof *verdict) : NULL;
    rc = run_mr_list(rt, job, nums, n, verdict);
    st->seconds = clock_now() - t0;
    if (rc == 0 && rt->rank == 0)
      rc = sink(nums, verdict, 0, n, ctx);
    st->done = n;
    free(verdict);
    return agree(rt, rc);
  }
  rc = run_td_list(rt, job, nums, n, sink, ctx, st);
  st->seconds = clock_now() - t0;
  return rc;
}

/* ---- the count --------------------------------------------------------------------- */

int trial_run_count(const runtime *rt, const trial_job *job, uint64_t a, uint64_t b,
                    uint64_t *count, trial_stats *st)
{
  const runtime_team team = runtime_team_of(rt, job->all_workers);
  const int ranks = team.ranks, threads = team.threads;
  const uint64_t nblocks = (b - a - 1) / COUNT_BLOCK + 1;
  divisors d;
  uint64_t local = 0, tested = 0;
  int failed = 0;
  memset(&d, 0, sizeof d);
  memset(st, 0, sizeof *st);
  st->threads = threads;
  st->tasks = nblocks;

  int rc = collective_barrier(rt);
  if (rc != 0)
    return rc;
  double t0 = clock_now();
  if (job->method == TRIAL_DIVISION &&
      divisors_build(rt, job, sieve_isqrt(b - 1), rt->rank < ranks ? threads : 1, &d) != 0)
    failed = 1;
  if (!failed && rt->rank < ranks) {
    uint64_t mine = runtime_share(nblocks, rt->rank, ranks);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) reduction(+ : local, tested)
    for (uint64_t k = 0; k < mine; k++) {
      uint64_t blo = a + ((uint64_t)rt->rank + k * (uint64_t)ranks) * COUNT_BLOCK;
      uint64_t bhi = b - blo < COUNT_BLOCK ? b : blo + COUNT_BLOCK;
      for (uint64_t x = blo; x < bhi; x++) {
        if (stop_requested()) /* a SIGINT / SIGTERM: the count covers the numbers tested */
          break;
        tested++;
        uint64_t v;
        if (quick_verdict(x, &v) == 0)
          local += v == TRIAL_PRIME;
        else if (job->method == TRIAL_MR)
          local += (uint64_t)miller_rabin_is_prime(x);
        else
          local += table_factor(&d, x, 0, d.npieces) == 0;
      }
    }
  }
  rc = collective_reduce(rt, &local, count, 1, MPI_UINT64_T, MPI_SUM);
  if (rc == 0)
    rc = collective_reduce(rt, &tested, &st->done, 1, MPI_UINT64_T, MPI_SUM);
  if (rc == 0)
    rc = agree(rt, failed ? STATUS_SYSTEM : 0);
  st->seconds = clock_now() - t0;
  divisors_free(&d);
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "trial: out of memory\n");
  return rc;
}
