/* sieve_main.c - the sieve program: rank 0 parses and broadcasts the options; then a count,
 * the ordered print (rank 0 alone), the batch, the self-test, or with no arguments the
 * serial-versus-parallel demonstration. Rank 0 prints the answers and the results rows. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "mpi_check.h"
#include "prime_tables.h"
#include "results.h"
#include "runtime.h"
#include "sieve_options.h"
#include "sieve_run.h"
#include "sieve_selftest.h"
#include "sysinfo.h"

enum { EXIT_FOUND_FAILURE = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

/* rank 0's parser, in the shape runtime_parse_shared calls. */
static int parse_sieve(int argc, char **argv, void *opts, char *err, size_t errlen)
{
  return sieve_options_parse(argc, argv, opts, err, errlen);
}

/* Rank 0: appends one results row. Returns 0 or EXIT_SYSTEM. */
static int write_row(runtime *rt, const sieve_options *o, const char *variant,
                     const char *params, uint64_t items, const char *unit,
                     const sieve_totals *t, const clock_usage *usage)
{
  if (!o->run.csv[0])
    return 0;
  char result[160];
  snprintf(result, sizeof result, "primes=%" PRIu64 " sum=%" PRIu64 " twins=%" PRIu64, t->count,
           t->sum, t->twins);
  results_row row = { "sieve", variant, strcmp(variant, "serial") == 0 ? 1 : rt->size, t->threads,
                      params, items, t->seconds, unit, result, usage->user_s, usage->sys_s,
                      usage->max_rss_kb, NULL, 0 };
  return runtime_write_row(rt, "sieve", o->run.csv, &row);
}

/* Collective: resource use summed on rank 0. */
static int usage_now(runtime *rt, clock_usage *total)
{
  clock_usage u = clock_usage_now();
  return runtime_sum_usage(rt, &u, total);
}

static int run_count(runtime *rt, const sieve_options *o, sieve_job *job)
{
  sieve_totals t;
  clock_usage usage;
  job->lo = o->lo;
  job->hi = o->hi;
  job->sum = o->sum;
  job->twins = o->twins;
  job->all_workers = 1;
  if (sieve_run_count(rt, job, &t) != 0 || usage_now(rt, &usage) != 0)
    return -1;
  if (rt->rank != 0)
    return 0;
  uint64_t numbers = o->hi - o->lo + (o->hi - o->lo < UINT64_MAX);
  if (rt->stopped)
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
  return write_row(rt, o, "count", params, rt->stopped ? t.numbers : numbers, "numbers", &t,
                   &usage);
}

static int run_batch(runtime *rt, const sieve_options *o, sieve_job *job, int all,
                     sieve_totals *t)
{
  clock_usage usage;
  job->lo = o->batch_a;
  job->hi = o->batch_b;
  job->all_workers = all;
  if (sieve_run_batch(rt, job, t) != 0 || usage_now(rt, &usage) != 0)
    return -1;
  if (rt->rank != 0)
    return 0;
  char params[128];
  snprintf(params, sizeof params, "batch=%" PRIu64 ":%" PRIu64, o->batch_a, o->batch_b);
  return write_row(rt, o, all ? "batch" : "serial", params,
                   rt->stopped ? t->numbers : o->batch_b - o->batch_a, "tasks", t, &usage);
}

/* Collective: refuses, before any work, a batch whose lists would not fit: each thread keeps
 * one list of the primes <= B. Returns 0, EXIT_USAGE after a one-line message, or -1. */
static int batch_fits(const runtime *rt, const sieve_options *o)
{
  unsigned long long per_thread = sieve_batch_list_max(o->batch_b) * sizeof(uint64_t);
  unsigned long long need = per_thread * rt->plan.nthreads * (unsigned long long)rt->local_size;
  unsigned long long have = sysinfo_memory_bytes();
  int mine = have > 0 && (per_thread > have || need > have / 2), any = 0;
  if (mine && rt->local_rank == 0)
    fprintf(stderr, "sieve: --batch %" PRIu64 ":%" PRIu64 ": each thread keeps a list of the "
            "primes <= %" PRIu64 ", %.1f GiB for the %u threads on %s, more than half its "
            "%.1f GiB; take a smaller B\n", o->batch_a, o->batch_b, o->batch_b,
            (double)need / (1u << 30), rt->plan.nthreads * rt->local_size, rt->host,
            (double)have / (1u << 30));
  if (MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) != MPI_SUCCESS)
    return -1;
  return any ? EXIT_USAGE : 0;
}

static int batch_mode(runtime *rt, const sieve_options *o, sieve_job *job)
{
  sieve_totals t;
  int rc = batch_fits(rt, o);
  if (rc != 0)
    return rc;
  rc = run_batch(rt, o, job, 1, &t);
  if (rc != 0 || rt->rank != 0)
    return rc;
  if (rt->stopped)
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
static int demo(runtime *rt, sieve_options *o, sieve_job *job)
{
  sieve_totals serial, parallel;
  o->batch_a = 1000;
  o->batch_b = 16000;
  if (run_batch(rt, o, job, 0, &serial) != 0 || run_batch(rt, o, job, 1, &parallel) != 0)
    return -1;
  if (rt->rank == 0 && rt->stopped) {
    fprintf(stderr, "sieve: stopped by a signal\n");
    return 0; /* runtime_exit turns it into 128 + the signal */
  }
  if (rt->rank == 0) {
    printf("batch 1000:16000 (15000 lists of the primes <= n): %" PRIu64 " primes, sum %" PRIu64
           "\n", parallel.count, parallel.sum);
    printf("  1 thread: %.4f s   %d ranks x %d threads: %.4f s   speed-up %.2fx\n",
           serial.seconds, rt->size, parallel.threads, parallel.seconds,
           serial.seconds / parallel.seconds);
    if (serial.count != parallel.count || serial.sum != parallel.sum) {
      fprintf(stderr, "sieve: serial and parallel batch totals differ\n");
      return EXIT_FOUND_FAILURE;
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
    if (sieve_run_count(rt, job, &t[all]) != 0 || usage_now(rt, &usage) != 0)
      return -1;
    if (rt->rank == 0 &&
        write_row(rt, o, all ? "count" : "serial", "start=0 stop=1000000000", stop + 1,
                  "numbers", &t[all], &usage) != 0)
      return EXIT_SYSTEM;
  }
  if (rt->rank == 0 && !rt->stopped) {
    printf("count of primes <= 1e9: %" PRIu64 "\n", t[1].count);
    printf("  1 thread: %.4f s   %d ranks x %d threads: %.4f s   speed-up %.2fx\n",
           t[0].seconds, rt->size, t[1].threads, t[1].seconds, t[0].seconds / t[1].seconds);
    if (t[0].count != t[1].count) {
      fprintf(stderr, "sieve: serial and parallel counts differ\n");
      return EXIT_FOUND_FAILURE;
    }
  }
  return 0;
}

static sieve_sizes choose_sizes(const runtime *rt, const sieve_options *o)
{
  size_t l1 = 0, l2 = 0;
  runtime_cache_sizes(rt, &l1, &l2);
  sieve_sizes s = sieve_sizes_for_caches(l1, l2);
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

static int run(runtime *rt, sieve_options *o)
{
  sieve_tables tables;
  int rc = prime_tables_init(rt, "sieve", &tables);
  if (rc != 0)
    return rc < 0 ? -1 : EXIT_SYSTEM;
  sieve_job job;
  memset(&job, 0, sizeof job);
  job.tables = &tables;
  job.sizes = choose_sizes(rt, o);
  job.progress = o->run.progress && !o->quiet;
  int status = 0;
  switch (o->mode) {
  case SIEVE_TEST:
    if (rt->rank == 0) {
      status = sieve_selftest(stdout, &tables, job.sizes);
      if (status < 0)
        fprintf(stderr, "sieve: out of memory\n");
      status = status < 0 ? EXIT_SYSTEM : status;
    }
    break;
  case SIEVE_PRINT:
    job.lo = o->lo;
    job.hi = o->hi;
    if (rt->rank == 0) {
      int rc = sieve_run_print(&job, stdout);
      if (rc == 1)
        fprintf(stderr, "sieve: stopped by a signal: every prime up to the last line is out\n");
      status = rc < 0 ? EXIT_SYSTEM : 0;
    }
    break;
  case SIEVE_BATCH:
    status = batch_mode(rt, o, &job);
    break;
  case SIEVE_DEMO:
    status = demo(rt, o, &job);
    break;
  default:
    status = run_count(rt, o, &job);
    break;
  }
  sieve_tables_free(&tables);
  return status;
}

static int run_sieve(runtime *rt, void *opts, int argc, char **argv)
{
  sieve_options *o = opts;
  (void)argc;
  (void)argv;
  return runtime_place_all(rt, &o->run) != 0 ? EXIT_SYSTEM : run(rt, o);
}

int main(int argc, char **argv)
{
  sieve_options o;
  return runtime_main(argc, argv, "sieve", parse_sieve, &o, sizeof o, run_sieve);
}
