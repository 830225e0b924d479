/* sieve_main.c - the sieve program: rank 0 parses and broadcasts the options; then a count,
 * the ordered print (rank 0 alone), the batch, the self-test, or with no arguments the
 * serial-versus-parallel demonstration. Rank 0 prints the answers and the results rows. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "agree.h"
#include "prime_tables.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"
#include "sieve_options.h"
#include "sieve_run.h"
#include "sieve_selftest.h"
#include "stop.h"
#include "sysinfo.h"

/* Rank 0: appends one results row. Returns 0 or STATUS_SYSTEM. */
static int write_row(runtime *rt, run_record *rec, const sieve_options *o, const char *variant,
                     const char *params, uint64_t items, const char *unit, const sieve_totals *t,
                     const clock_usage *usage)
{
  if (!o->run.csv[0])
    return 0;
  char result[160];
  snprintf(result, sizeof result, "primes=%" PRIu64 " sum=%" PRIu64 " twins=%" PRIu64, t->count,
           t->sum, t->twins);
  results_row row = {
    .tool = "sieve", .variant = variant, .ranks = strcmp(variant, "serial") == 0 ? 1 : rt->size,
    .threads = t->threads, .params = params, .items = items, .seconds = t->seconds, .unit = unit,
    .result = result, .cpu_user_s = usage->user_s, .cpu_sys_s = usage->sys_s,
    .max_rss_kb = usage->max_rss_kb,
  };
  return run_record_write_row(rec, rt, "sieve", o->run.csv, &row);
}

/* Collective, after a step that ended rc on every rank: resource use summed on rank 0, and
 * whether a signal reached any rank (rec->stopped). Returns rc, or the sum's failure. */
static int usage_after(runtime *rt, run_record *rec, int rc, clock_usage *total)
{
  return rc != 0 ? rc : run_record_sum_usage(rec, rt, total);
}

static int run_count(runtime *rt, run_record *rec, const sieve_options *o, sieve_job *job)
{
  sieve_totals t;
  clock_usage usage;
  job->lo = o->lo;
  job->hi = o->hi;
  job->sum = o->sum;
  job->twins = o->twins;
  job->all_workers = 1;
  int rc = usage_after(rt, rec, sieve_run_count(rt, job, &t), &usage);
  if (rc != 0 || rt->rank != 0)
    return rc;
  uint64_t numbers = o->hi - o->lo + (o->hi - o->lo < UINT64_MAX);
  if (rec->stopped)
    fprintf(stderr, "sieve: stopped by a signal after %" PRIu64 " of %" PRIu64
            " numbers: the totals below cover only those\n", t.numbers, numbers);
  if (o->quiet) {
    printf("%" PRIu64 "\n", t.count);
    if (o->twins)
      printf("%" PRIu64 "\n", t.twins);
    if (o->sum)
      printf("%" PRIu64 "\n", t.sum);
  } else {
    printf("Primes: %" PRIu64 "\n", t.count);
    if (o->twins)
      printf("Twin primes: %" PRIu64 "\n", t.twins);
    if (o->sum)
      printf("Sum: %" PRIu64 " (mod 2^64)\n", t.sum);
    fprintf(stderr, "sieve: [%" PRIu64 ", %" PRIu64 "] in %.3f s (%d ranks x %d threads, %" PRIu64
            " chunks, %zu KiB segments)\n", o->lo, o->hi, t.seconds, rt->size, t.threads,
            t.chunks, job->sizes.segment_bytes / 1024);
  }
  fflush(stdout);
  char params[160];
  snprintf(params, sizeof params, "start=%" PRIu64 " stop=%" PRIu64 " sum=%d twins=%d segment_kib=%zu",
           o->lo, o->hi, o->sum, o->twins, job->sizes.segment_bytes / 1024);
  return write_row(rt, rec, o, "count", params, rec->stopped ? t.numbers : numbers, "numbers", &t,
                   &usage);
}

static int run_batch(runtime *rt, run_record *rec, const sieve_options *o, sieve_job *job, int all,
                     sieve_totals *t)
{
  clock_usage usage;
  job->lo = o->batch_a;
  job->hi = o->batch_b;
  job->all_workers = all;
  int rc = usage_after(rt, rec, sieve_run_batch(rt, job, t), &usage);
  if (rc != 0 || rt->rank != 0)
    return rc;
  char params[128];
  snprintf(params, sizeof params, "batch=%" PRIu64 ":%" PRIu64, o->batch_a, o->batch_b);
  return write_row(rt, rec, o, all ? "batch" : "serial", params,
                   rec->stopped ? t->numbers : o->batch_b - o->batch_a, "tasks", t, &usage);
}

/* Collective: refuses, before any work, a batch whose lists would not fit: each thread keeps
 * one list of the primes <= B. Returns 0, STATUS_USAGE after a one-line message, or
 * STATUS_MPI. */
static int batch_fits(const runtime *rt, const sieve_options *o)
{
  unsigned long long per_thread = sieve_batch_list_max(o->batch_b) * sizeof(uint64_t);
  unsigned long long need = per_thread * rt->plan.nthreads * (unsigned long long)rt->local_size;
  unsigned long long have = sysinfo_memory_bytes();
  int mine = have > 0 && (per_thread > have || need > have / 2);
  if (mine && rt->local_rank == 0)
    fprintf(stderr, "sieve: --batch %" PRIu64 ":%" PRIu64 ": each thread keeps a list of the "
            "primes <= %" PRIu64 ", %.1f GiB for the %u threads on %s, more than half its "
            "%.1f GiB; take a smaller B\n", o->batch_a, o->batch_b, o->batch_b,
            (double)need / (1u << 30), rt->plan.nthreads * rt->local_size, rt->host,
            (double)have / (1u << 30));
  return agree(rt, mine ? STATUS_USAGE : 0);
}

static int batch_mode(runtime *rt, run_record *rec, const sieve_options *o, sieve_job *job)
{
  sieve_totals t;
  int rc = batch_fits(rt, o);
  if (rc != 0)
    return rc;
  rc = run_batch(rt, rec, o, job, 1, &t);
  if (rc != 0 || rt->rank != 0)
    return rc;
  if (rec->stopped)
    fprintf(stderr, "sieve: stopped by a signal after %" PRIu64 " of %" PRIu64
            " lists: the totals below cover only those\n", t.numbers, o->batch_b - o->batch_a);
  if (o->quiet)
    printf("%" PRIu64 "\n%" PRIu64 "\n", t.count, t.sum);
  else
    printf("Lists: %" PRIu64 "\nPrimes in all lists: %" PRIu64 "\nSum over all lists: %" PRIu64
           " (mod 2^64)\n", o->batch_b - o->batch_a, t.count, t.sum);
  fprintf(stderr, "sieve: batch %" PRIu64 ":%" PRIu64 " in %.4f s (%d ranks x %d threads)\n",
          o->batch_a, o->batch_b, t.seconds, rt->size, t.threads);
  return 0;
}

/* No arguments: each workload once on one thread, once on everything, and the speed-up. */
static int demo(runtime *rt, run_record *rec, sieve_options *o, sieve_job *job)
{
  sieve_totals serial, parallel;
  o->batch_a = 1000;
  o->batch_b = 16000;
  /* run_batch's row fails on rank 0 alone: every rank agrees before the next collective. */
  int rc = agree(rt, run_batch(rt, rec, o, job, 0, &serial));
  if (rc == 0)
    rc = agree(rt, run_batch(rt, rec, o, job, 1, &parallel));
  if (rc != 0)
    return rc;
  /* Every rank learns of a stop, so that all of them skip the count below together. */
  int stopped = runtime_any_stop(rt);
  if (stopped != 0) {
    if (stopped > 0 && rt->rank == 0)
      fprintf(stderr, "sieve: stopped by a signal\n");
    return stopped > 0 ? 0 : stopped; /* runtime_exit turns a stop into 128 + the signal */
  }
  if (rt->rank == 0) {
    printf("batch 1000:16000 (15000 lists of the primes <= n): %" PRIu64 " primes, sum %" PRIu64
           "\n", parallel.count, parallel.sum);
    printf("  1 thread: %.4f s   %d ranks x %d threads: %.4f s   speed-up %.2fx\n",
           serial.seconds, rt->size, parallel.threads, parallel.seconds,
           serial.seconds / parallel.seconds);
    if (serial.count != parallel.count || serial.sum != parallel.sum) {
      fprintf(stderr, "sieve: serial and parallel batch totals differ\n");
      rc = STATUS_FAILED;
    }
  }
  sieve_totals t[2];
  const uint64_t stop = 1000000000;
  for (int all = 0; all < 2; all++) {
    clock_usage usage;
    job->lo = 0;
    job->hi = stop;
    job->sum = job->twins = 0;
    job->all_workers = all;
    int step = usage_after(rt, rec, sieve_run_count(rt, job, &t[all]), &usage);
    if (step != 0)
      return step;
    if (rt->rank == 0)
      rc = status_worst(rc,
                        write_row(rt, rec, o, all ? "count" : "serial", "start=0 stop=1000000000",
                                  stop + 1, "numbers", &t[all], &usage));
  }
  if (rt->rank == 0 && !rec->stopped) {
    printf("count of primes <= 1e9: %" PRIu64 "\n", t[1].count);
    printf("  1 thread: %.4f s   %d ranks x %d threads: %.4f s   speed-up %.2fx\n",
           t[0].seconds, rt->size, t[1].threads, t[1].seconds, t[0].seconds / t[1].seconds);
    if (t[0].count != t[1].count) {
      fprintf(stderr, "sieve: serial and parallel counts differ\n");
      rc = status_worst(rc, STATUS_FAILED);
    }
  }
  return rc;
}

static sieve_sizes choose_sizes(const runtime *rt, const sieve_options *o)
{
  size_t l1 = 0, l2 = 0;
  runtime_cache_sizes(rt, &l1, &l2);
  /* The demo and the self-test leave hi at 0: their ranges stop near 1e9 or vary. */
  sieve_sizes s = sieve_sizes_for_range(l1, l2, o->hi);
  if (o->sieve_kib) {
    size_t want = (size_t)o->sieve_kib * 1024, p = 1024;
    while (p * 2 <= want)
      p *= 2;
    s.segment_bytes = p;
    if (s.block_bytes > p)
      s.block_bytes = p;
  }
  return s;
}

static int run(runtime *rt, run_record *rec, sieve_options *o)
{
  sieve_tables tables;
  int rc = prime_tables_init(rt, "sieve", &tables);
  if (rc != 0)
    return rc;
  sieve_job job;
  memset(&job, 0, sizeof job);
  job.tables = &tables;
  job.sizes = choose_sizes(rt, o);
  job.progress = o->run.progress && !o->quiet;
  switch (o->mode) {
  case SIEVE_TEST:
    if (rt->rank == 0) {
      rc = sieve_selftest(stdout, &tables, job.sizes);
      if (rc == STATUS_SYSTEM)
        fprintf(stderr, "sieve: out of memory\n");
    }
    break;
  case SIEVE_PRINT:
    job.lo = o->lo;
    job.hi = o->hi;
    if (rt->rank == 0) {
      rc = sieve_run_print(&job, stdout);
      if (rc == 0 && stop_requested())
        fprintf(stderr, "sieve: stopped by a signal: every prime up to the last line is out\n");
    }
    break;
  case SIEVE_BATCH:
    rc = batch_mode(rt, rec, o, &job);
    break;
  case SIEVE_DEMO:
    rc = demo(rt, rec, o, &job);
    break;
  default:
    rc = run_count(rt, rec, o, &job);
    break;
  }
  sieve_tables_free(&tables);
  return rc;
}

static int run_sieve(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  sieve_options *o = opts;
  (void)argc;
  (void)argv;
  int rc = runtime_place_all(rt, &o->run);
  return rc != 0 ? rc : run(rt, rec, o);
}

int main(int argc, char **argv)
{
  sieve_options o;
  return runtime_main(argc, argv, &sieve_program, &o, run_sieve);
}
