/* sieve_run.c - chunks, batch tasks and the print loop, over MPI ranks and OpenMP threads.
 *
 * A chunk costs a set-up proportional to the sieving primes (each needs its first multiple,
 * a division) and a sieve proportional to its length, so chunks are at least 8 sqrt(hi)
 * bytes (and 4 segments): a tiny range stays one chunk on one thread, and near 2^64 a range
 * is split only when it is long enough to repay every thread's set-up. */
#define _POSIX_C_SOURCE 200809L
#include "sieve_run.h"

#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agree.h"
#include "clock.h"
#include "collective.h"
#include "miller_rabin.h"
#include "sieve_scan.h"
#include "stop.h"

/* Chunks are handed out dynamically; the last one decides when a run ends. 32 per worker:
 * sieve 1e10 on 2 threads (Xeon family 6 model 167) took 0.501 s against 0.509 s with 8
 * (medians of 7 alternating), 1 thread the same either way (a chunk's start costs the first
 * multiples of its sieving primes, microseconds). */
enum { CHUNKS_PER_WORKER = 32 };

/* 2, 3, 5 (which have no bits) and the twin pairs among them that lie in [lo, hi]. */
static void add_below_seven(const sieve_job *job, sieve_totals *t)
{
  static const uint64_t small[] = { 2, 3, 5 };
  for (int k = 0; k < 3; k++)
    if (small[k] >= job->lo && small[k] <= job->hi) {
      t->count++;
      t->sum += small[k];
    }
  if (job->lo <= 3 && job->hi >= 5)
    t->twins++;
  if (job->lo <= 5 && job->hi >= 7)
    t->twins++;
}

typedef struct chunk_plan {
  uint64_t first_byte, nbytes, chunk_bytes, nchunks;
} chunk_plan;

static chunk_plan plan_chunks(const runtime *rt, const sieve_job *job)
{
  chunk_plan c;
  c.first_byte = job->lo / 30;
  c.nbytes = job->hi / 30 - c.first_byte + 1;
  uint64_t workers = job->all_workers ? (uint64_t)rt->size * rt->plan.nthreads : 1;
  uint64_t min_bytes = 8 * sieve_isqrt(job->hi);
  if (min_bytes < 4 * job->sizes.segment_bytes)
    min_bytes = 4 * job->sizes.segment_bytes;
  uint64_t n = c.nbytes / min_bytes;
  if (n > workers * CHUNKS_PER_WORKER)
    n = workers * CHUNKS_PER_WORKER;
  /* Yet at least 4 chunks per worker while the range holds that many segments, so that no
   * worker idles (at 1e9 the floor above gave 64 workers 65 chunks): a chunk's start then
   * costs more, but an idle worker costs all of its share. */
  uint64_t feed = 4 * workers, segments = c.nbytes / job->sizes.segment_bytes;
  if (n < feed)
    n = feed < segments ? feed : segments > n ? segments : n;
  if (n == 0)
    n = 1;
  c.nchunks = n;
  c.chunk_bytes = c.nbytes / n + (c.nbytes % n != 0);
  c.nchunks = c.nbytes / c.chunk_bytes + (c.nbytes % c.chunk_bytes != 0);
  return c;
}

/* The numbers of [lo, hi] that segment s covers. */
static uint64_t segment_numbers(const sieve_segment *s, uint64_t lo, uint64_t hi)
{
  uint64_t a = 30 * s->first_byte, b = 30 * (s->first_byte + s->nbytes) - 1;
  a = a > lo ? a : lo;
  b = b < hi ? b : hi;
  return b >= a ? b - a + 1 : 0;
}

/* Sieves chunk k and fills its totals. A SIGINT / SIGTERM stops it between segments (a few ms
 * at most): t->numbers then says how much was sieved. Returns 0 or STATUS_SYSTEM (out of
 * memory). */
static int sieve_chunk(sieve_engine *e, const sieve_job *job, const chunk_plan *c, uint64_t k,
                       sieve_totals *t)
{
  uint64_t b0 = c->first_byte + k * c->chunk_bytes;
  uint64_t b1 = b0 + c->chunk_bytes - 1; /* the chunk's last byte */
  uint64_t lo = 30 * b0 > job->lo ? 30 * b0 : job->lo;
  uint64_t hi = b1 >= job->hi / 30 ? job->hi : 30 * b1 + 29;
  if (sieve_engine_start(e, lo, hi) != 0)
    return STATUS_SYSTEM;
  sieve_segment s;
  /* The twin scan carries "is the number before this segment prime" from segment to segment;
   * past the first chunk it starts from the number before the chunk, 30 b0 - 1, which the
   * chunk before holds: tested here on its own rather than by exchanging every chunk's edge
   * bits between the ranks (2 ints per chunk, 4 chunks per worker). */
  int carry = job->twins && k > 0 ? miller_rabin_is_prime(30 * b0 - 1) : 0, rc;
  for (;;) {
    if (stop_requested()) {
      rc = 0;
      break;
    }
    rc = sieve_engine_next(e, &s);
    if (rc != 1)
      break;
    t->numbers += segment_numbers(&s, lo, hi);
    t->count += sieve_scan_count(&s);
    if (job->sum)
      t->sum += sieve_scan_sum(job->tables, &s);
    if (job->twins)
      t->twins += sieve_scan_twins(&s, &carry);
    else
      carry = s.bits[s.nbytes - 1] >> 7;
  }
  return rc < 0 ? STATUS_SYSTEM : 0;
}

int sieve_run_count(const runtime *rt, const sieve_job *job, sieve_totals *out)
{
  const chunk_plan c = plan_chunks(rt, job);
  const runtime_team team = runtime_team_of(rt, job->all_workers);
  const int ranks = team.ranks, threads = team.threads;
  uint64_t count = 0, sum = 0, twins = 0, numbers = 0, done = 0;
  int failed = 0;
  int rc = agree_then_start(rt, 0);
  if (rc != 0)
    return rc;
  double t0 = clock_now();
  if (rt->rank < ranks) {
    uint64_t mine = runtime_share(c.nchunks, rt->rank, ranks);
#pragma omp parallel num_threads(threads) reduction(+ : count, sum, twins, numbers) \
  reduction(| : failed)
    {
      runtime_bind_self(rt);
      sieve_engine e;
      failed = sieve_engine_init(&e, job->tables, job->sizes) != 0;
#pragma omp for schedule(dynamic, 1)
      for (uint64_t k = 0; k < mine; k++) {
        if (failed || stop_requested())
          continue;
        uint64_t chunk = (uint64_t)rt->rank + k * (uint64_t)ranks;
        sieve_totals t = { 0, 0, 0, 0, 0, 0, 0 };
        if (sieve_chunk(&e, job, &c, chunk, &t) != 0) {
          failed = 1;
          continue;
        }
        count += t.count;
        sum += t.sum;
        twins += t.twins;
        numbers += t.numbers;
        uint64_t n;
#pragma omp atomic capture
        n = ++done;
        if (job->progress && rt->rank == 0 && omp_get_thread_num() == 0 && mine > 1)
          fprintf(stderr, "\rsieve: %3.0f%%", 100.0 * (double)n / (double)mine);
      }
      sieve_engine_free(&e);
    }
    if (job->progress && rt->rank == 0 && mine > 1)
      fprintf(stderr, "\r\033[K");
  }

  uint64_t mine4[4] = { count, sum, twins, numbers }, all4[4] = { 0, 0, 0, 0 };
  rc = collective_reduce(rt, mine4, all4, 4, MPI_UINT64_T, MPI_SUM);
  if (rc == 0)
    rc = agree(rt, failed ? STATUS_SYSTEM : 0);
  double t1 = clock_now();
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    *out = (sieve_totals){ .count = all4[0], .sum = all4[1], .twins = all4[2],
                           .numbers = all4[3], .chunks = c.nchunks, .threads = threads,
                           .seconds = t1 - t0 };
    add_below_seven(job, out);
  }
out:
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "sieve: out of memory\n");
  return rc;
}

uint64_t sieve_batch_list_max(uint64_t n)
{
  /* pi(x) < 1.25506 x / ln x for x > 1 (Rosser and Schoenfeld, 1962), with slack for the
   * rounding of the double; n / 2 + 8 below 17 where the bound is not tight. */
  if (n < 17)
    return n / 2 + 8;
  return (uint64_t)(1.25506 * (double)n / log((double)n)) + 64;
}

int sieve_run_batch(const runtime *rt, const sieve_job *job, sieve_totals *out)
{
  const runtime_team team = runtime_team_of(rt, job->all_workers);
  const int ranks = team.ranks, threads = team.threads;
  const uint64_t ntasks = job->hi - job->lo;
  uint64_t count = 0, sum = 0, tasks = 0;
  int failed = 0;

  int rc = collective_barrier(rt);
  if (rc != 0)
    return rc;
  double t0 = clock_now();
  if (rt->rank < ranks) {
    uint64_t mine = runtime_share(ntasks, rt->rank, ranks);
    const size_t cap = (size_t)sieve_batch_list_max(job->hi);
#pragma omp parallel num_threads(threads) reduction(+ : count, sum, tasks) reduction(| : failed)
    {
      runtime_bind_self(rt);
      sieve_engine e;
      uint64_t *list = malloc(cap * sizeof *list);
      failed = sieve_engine_init(&e, job->tables, job->sizes) != 0 || !list;
#pragma omp for schedule(dynamic, 64)
      for (uint64_t k = 0; k < mine; k++) {
        if (failed || stop_requested())
          continue;
        tasks++;
        const uint64_t n = job->lo + (uint64_t)rt->rank + k * (uint64_t)ranks;
        /* Task n: its own list of the primes <= n, then its length and sum. */
        size_t len = 0;
        for (uint64_t p = 2; p <= 5 && p <= n; p += p == 2 ? 1 : 2)
          list[len++] = p;
        sieve_segment s;
        int rc = sieve_engine_start(&e, 0, n);
        while (rc == 0) {
          int more = sieve_engine_next(&e, &s);
          if (more <= 0) {
            rc = more;
            break;
          }
          rc = sieve_scan_collect(&s, list, &len, cap);
        }
        if (rc < 0) {
          failed = 1;
          continue;
        }
        uint64_t task_sum = 0;
        for (size_t i = 0; i < len; i++)
          task_sum += list[i];
        count += len;
        sum += task_sum;
      }
      sieve_engine_free(&e);
      free(list);
    }
  }
  uint64_t mine3[3] = { count, sum, tasks }, all3[3] = { 0, 0, 0 };
  rc = collective_reduce(rt, mine3, all3, 3, MPI_UINT64_T, MPI_SUM);
  if (rc == 0)
    rc = agree(rt, failed ? STATUS_SYSTEM : 0);
  double t1 = clock_now();
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "sieve: out of memory\n");
  if (rc != 0)
    return rc;
  if (rt->rank == 0)
    *out = (sieve_totals){ .count = all3[0], .sum = all3[1], .numbers = all3[2],
                           .chunks = ntasks, .threads = threads, .seconds = t1 - t0 };
  return 0;
}

/* Writes buf[0..n), whole lines, to fd. A signal that breaks the write part-way through a
 * line gets that line finished and no more, so the output is always a run of whole lines.
 * Returns 1 when stopped by a signal (a state, not an error: the caller stops writing), 0,
 * or STATUS_SYSTEM with errno set. */
static int write_lines(int fd, const char *buf, size_t n)
{
  size_t done = 0;
  while (done < n) {
    ssize_t k = write(fd, buf + done, n - done);
    if (k < 0 && errno != EINTR)
      return STATUS_SYSTEM;
    if (k > 0)
      done += (size_t)k;
    if (!stop_requested())
      continue;
    if (done == 0 || buf[done - 1] == '\n')
      return 1;
    /* Stopped inside a line: only its end remains to write. */
    const char *eol = memchr(buf + done, '\n', n - done);
    n = (size_t)(eol - buf) + 1;
  }
  return stop_requested() ? 1 : 0;
}

int sieve_run_print(const sieve_job *job, FILE *out)
{
  enum { BUF = 1 << 16 };
  char *buf = malloc(BUF);
  sieve_engine e;
  int rc = STATUS_SYSTEM, fd = fileno(out);
  if (!buf || sieve_engine_init(&e, job->tables, job->sizes) != 0) {
    free(buf);
    fprintf(stderr, "sieve: out of memory\n");
    return STATUS_SYSTEM;
  }
  fflush(out);
  size_t len = 0;
  for (unsigned p = 2; p <= 5; p += p == 2 ? 1 : 2)
    if (p >= job->lo && p <= job->hi)
      len += (size_t)snprintf(buf + len, BUF - len, "%u\n", p);
  int more = write_lines(fd, buf, len) == 0 ? 1 : -2;
  if (more == 1 && sieve_engine_start(&e, job->lo, job->hi) != 0)
    more = -1;
  sieve_segment s;
  while (more == 1) {
    more = sieve_engine_next(&e, &s);
    if (more != 1)
      break;
    size_t pos = 0;
    while (pos < s.nbytes && more == 1) {
      size_t n = sieve_scan_format(&s, &pos, buf, BUF);
      int w = write_lines(fd, buf, n);
      more = w == 0 ? 1 : w == 1 ? -3 : -2;
    }
  }
  if (more == 0 || more == -3)
    rc = 0; /* all of it, or a signal stopped it after a whole line */
  else if (more == -1)
    fprintf(stderr, "sieve: out of memory\n");
  else
    fprintf(stderr, "sieve: cannot write the primes: %s\n", strerror(errno));
  sieve_engine_free(&e);
  free(buf);
  return rc;
}
