/* trial_main.c - the trial program: rank 0 parses the options and reads the numbers, every
 * rank receives them; then the list, the count, the self-test, or with no arguments the
 * teaching workloads on one thread and on everything. Rank 0 prints. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buffer.h"
#include "collective.h"
#include "mpi_check.h"
#include "prime_tables.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"
#include "sysinfo.h"
#include "stop.h"
#include "trial_options.h"
#include "trial_run.h"

/* The teaching code's list (112272535095293 appears twice there, and here). */
static const uint64_t teaching_primes[] = { 112272535095293ull, 112582705942171ull,
                                            112272535095293ull, 115280095190773ull,
                                            115797848077099ull, 1099726899285419ull };

/* Rank 0: the numbers from argv or stdin. Returns 0, or STATUS_USAGE after a one-line
 * message (STATUS_SYSTEM when memory runs out). */
static int read_numbers(const trial_options *o, int argc, char **argv, uint64_t **out, size_t *n)
{
  size_t cap = 0, len = 0;
  uint64_t *v = NULL;
  char err[200], line[256];
  unsigned long lineno = 0;
  int status = 0;
  /* Each number costs about 40 bytes on every rank (itself, its verdict, its factor, its
   * tasks): a list past a fifth of memory is refused before it is an out-of-memory kill. */
  const unsigned long long per_200 = sysinfo_memory_bytes() / 200, max = per_200 ? per_200 : ~0ull;
  for (int i = o->first_number; !o->from_stdin && i < argc && status == 0; i++) {
    if (buffer_grow(&v, &cap, len + 1, sizeof *v) != 0)
      status = STATUS_SYSTEM;
    else
      trial_parse_number(argv[i], &v[len++], err, sizeof err); /* checked while parsing */
  }
  while (status == 0 && o->from_stdin && fgets(line, sizeof line, stdin)) {
    lineno++;
    size_t k = strlen(line);
    while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r' || line[k - 1] == ' '))
      line[--k] = '\0';
    if (k == 0)
      continue;
    if (len >= max) {
      fprintf(stderr, "trial: more than %llu numbers on standard input, more than this "
              "machine's memory holds on every rank; split the list\n", max);
      status = STATUS_USAGE;
    } else if (buffer_grow(&v, &cap, len + 1, sizeof *v) != 0) {
      status = STATUS_SYSTEM;
    } else if (trial_parse_number(line, &v[len++], err, sizeof err) != 0) {
      fprintf(stderr, "trial: stdin line %lu: %s\n", lineno, err);
      status = STATUS_USAGE;
    }
  }
  if (status == 0 && len == 0) {
    fprintf(stderr, "trial: no numbers on standard input\n");
    status = STATUS_USAGE;
  }
  if (status == STATUS_SYSTEM)
    fprintf(stderr, "trial: out of memory for %zu numbers\n", len);
  if (status != 0) {
    free(v);
    return status;
  }
  *out = v;
  *n = len;
  return 0;
}

/* Collective, for --method mr on several ranks: rank 0 keeps the list, every other rank
 * receives its block (trial_block) by one scatter. Returns 0, STATUS_SYSTEM (memory, or more
 * numbers than MPI's int counts: said once) or STATUS_MPI. */
static int scatter_blocks(const runtime *rt, uint64_t **nums, size_t n)
{
  size_t lo, hi;
  int *counts = NULL, *offsets = NULL, rc = n <= INT_MAX ? 0 : STATUS_SYSTEM;
  trial_block(n, rt->rank, rt->size, &lo, &hi);
  if (rc == 0 && rt->rank != 0 && !(*nums = malloc((hi > lo ? hi - lo : 1) * sizeof **nums)))
    rc = STATUS_SYSTEM;
  if (rc == 0 && rt->rank == 0)
    rc = trial_block_layout(n, rt->size, rt->size, &counts, &offsets);
  if (rc != 0)
    fprintf(stderr, "trial: rank %d: %s for %zu numbers\n", rt->rank,
            n > INT_MAX ? "too many numbers to split (2^31 - 1 at most)" : "out of memory", n);
  rc = agree(rt, rc);
  if (rc == 0)
    rc = MPI_CHECK(MPI_Scatterv(*nums, counts, offsets, MPI_UINT64_T,
                                rt->rank == 0 ? MPI_IN_PLACE : *nums, (int)(hi - lo),
                                MPI_UINT64_T, 0, MPI_COMM_WORLD));
  free(counts);
  free(offsets);
  return rc;
}

/* Collective: rank 0's numbers to every rank (with --method mr on several ranks, each its
 * block only: scatter_blocks). Returns 0; on every rank STATUS_USAGE or STATUS_SYSTEM (the
 * reason said once); STATUS_MPI. *nums is the caller's to free. */
static int share_numbers(const runtime *rt, const trial_options *o, int argc, char **argv,
                         uint64_t **nums, size_t *n)
{
  int rc = 0;
  uint64_t count = 0;
  *nums = NULL;
  if (rt->rank == 0) {
    rc = read_numbers(o, argc, argv, nums, n);
    count = rc == 0 ? *n : 0;
  }
  rc = agree(rt, rc);
  if (rc == 0)
    rc = collective_bcast(rt, &count, 1, MPI_UINT64_T);
  if (rc != 0)
    return rc;
  *n = (size_t)count;
  if (o->method == TRIAL_MR && rt->size > 1)
    return scatter_blocks(rt, nums, *n);
  if (rt->rank != 0) {
    *nums = malloc((count ? count : 1) * sizeof **nums);
    if (!*nums) {
      fprintf(stderr, "trial: rank %d: out of memory for %llu numbers\n", rt->rank,
              (unsigned long long)count);
      rc = STATUS_SYSTEM;
    }
  }
  rc = agree(rt, rc);
  *n = (size_t)count;
  for (size_t done = 0; rc == 0 && done < count;) { /* in pieces MPI's int count can hold */
    int part = count - done > (1u << 30) ? 1 << 30 : (int)(count - done);
    rc = collective_bcast(rt, *nums + done, part, MPI_UINT64_T);
    done += (size_t)part;
  }
  return rc;
}

static int print_verdicts(const uint64_t *nums, const uint64_t *verdicts, size_t first, size_t n,
                          void *ctx)
{
  FILE *out = ctx;
  for (size_t i = first; i < first + n; i++) {
    uint64_t v = verdicts[i];
    if (v == TRIAL_PRIME)
      fprintf(out, "%" PRIu64 " prime\n", nums[i]);
    else if (v == TRIAL_NEITHER)
      fprintf(out, "%" PRIu64 " neither\n", nums[i]);
    else if (v == TRIAL_COMPOSITE)
      fprintf(out, "%" PRIu64 " composite\n", nums[i]);
    else
      fprintf(out, "%" PRIu64 " composite %" PRIu64 "\n", nums[i], v);
  }
  if (fflush(out) == 0)
    return 0;
  fprintf(stderr, "trial: cannot write the verdicts: %s\n", strerror(errno));
  return STATUS_SYSTEM;
}

static int write_row(runtime *rt, run_record *rec, const trial_options *o, const char *variant,
                     const char *params, uint64_t items, const char *unit, const char *result,
                     const trial_stats *st, int ranks)
{
  results_row row = {
    .tool = "trial", .variant = variant, .ranks = ranks, .threads = st->threads, .params = params,
    .items = items, .seconds = st->seconds, .unit = unit, .result = result,
  };
  return run_record_append_row(rec, rt, "trial", o->run.csv, &row);
}

static const char *method_name(const trial_options *o)
{
  return o->method == TRIAL_MR ? "mr" : "td";
}

static int list_mode(runtime *rt, run_record *rec, const trial_options *o, trial_job *job,
                     const uint64_t *nums, size_t n)
{
  trial_stats st;
  int rc = trial_run_list(rt, job, nums, n, print_verdicts, stdout, &st);
  if (rc != 0)
    return rc;
  if (rt->rank == 0 && o->run.verbose)
    fprintf(stderr, "trial: %zu numbers in %.4f s (%d ranks x %d threads, %" PRIu64 " tasks)\n",
            n, st.seconds, rt->size, st.threads, st.tasks);
  if (rt->rank == 0 && stop_requested())
    fprintf(stderr, "trial: stopped by a signal after %" PRIu64 " of %zu numbers\n", st.done, n);
  char params[64], result[32];
  snprintf(params, sizeof params, "numbers=%zu method=%s", n, method_name(o));
  snprintf(result, sizeof result, "numbers=%" PRIu64, st.done);
  return write_row(rt, rec, o, method_name(o), params, st.done, "numbers", result, &st, rt->size);
}

static int count_mode(runtime *rt, run_record *rec, const trial_options *o, trial_job *job)
{
  trial_stats st;
  uint64_t count = 0;
  int rc = trial_run_count(rt, job, o->count_a, o->count_b, &count, &st);
  if (rc != 0)
    return rc;
  if (rt->rank == 0) {
    if (st.done < o->count_b - o->count_a)
      fprintf(stderr, "trial: stopped by a signal after %" PRIu64 " of %" PRIu64 " numbers: the "
              "count covers only those\n", st.done, o->count_b - o->count_a);
    printf("%" PRIu64 "\n", count);
    fflush(stdout);
    fprintf(stderr, "trial: %" PRIu64 " primes in [%" PRIu64 ", %" PRIu64 ") in %.4f s (%d ranks "
            "x %d threads, %s)\n", count, o->count_a, o->count_b, st.seconds, rt->size, st.threads,
            method_name(o));
  }
  char params[96], result[48];
  snprintf(params, sizeof params, "count=%" PRIu64 ":%" PRIu64 " method=%s", o->count_a,
           o->count_b, method_name(o));
  snprintf(result, sizeof result, "primes=%" PRIu64, count);
  return write_row(rt, rec, o, method_name(o), params, st.done, "numbers", result, &st, rt->size);
}

/* Collects verdicts for the demo and the self-test instead of printing them. */
static int keep_verdicts(const uint64_t *nums, const uint64_t *verdicts, size_t first, size_t n,
                         void *ctx)
{
  (void)nums;
  memcpy((uint64_t *)ctx + first, verdicts + first, n * sizeof *verdicts);
  return 0;
}

static int demo(runtime *rt, run_record *rec, const trial_options *o, trial_job *job)
{
  const size_t n = sizeof teaching_primes / sizeof teaching_primes[0];
  uint64_t verdict[2][sizeof teaching_primes / sizeof teaching_primes[0]];
  trial_stats st[2], cst[2];
  uint64_t count[2] = { 0, 0 };
  int rc = 0; /* a row that could not be written (rank 0) lets the runs go on */
  for (int all = 0; all < 2; all++) {
    job->all_workers = all;
    int step = trial_run_list(rt, job, teaching_primes, n, keep_verdicts, verdict[all], &st[all]);
    if (step != 0)
      return step;
    step = write_row(rt, rec, o, all ? "td" : "serial", "numbers=PRIMES method=td", n, "numbers",
                     "teaching list", &st[all], all ? rt->size : 1);
    if (step == STATUS_MPI)
      return step;
    rc = status_worst(rc, step);
  }
  for (int all = 0; all < 2; all++) {
    job->all_workers = all;
    int step = trial_run_count(rt, job, 2, 2000000, &count[all], &cst[all]);
    if (step != 0)
      return step;
    step = write_row(rt, rec, o, all ? "td" : "serial", "count=2:2000000 method=td", 1999998,
                     "numbers", "count", &cst[all], all ? rt->size : 1);
    if (step == STATUS_MPI)
      return step;
    rc = status_worst(rc, step);
  }
  if (rt->rank != 0 || stop_requested()) /* runtime_exit reports the signal */
    return rc;
  print_verdicts(teaching_primes, verdict[1], 0, n, stdout);
  printf("  PRIMES: 1 thread %.4f s   %d ranks x %d threads %.4f s   speed-up %.2fx\n",
         st[0].seconds, rt->size, st[1].threads, st[1].seconds, st[0].seconds / st[1].seconds);
  printf("primes in [2, 2000000) by trial division: %" PRIu64 "\n", count[1]);
  printf("  count: 1 thread %.4f s   %d ranks x %d threads %.4f s   speed-up %.2fx\n",
         cst[0].seconds, rt->size, cst[1].threads, cst[1].seconds, cst[0].seconds / cst[1].seconds);
  if (memcmp(verdict[0], verdict[1], sizeof verdict[0]) != 0 || count[0] != count[1]) {
    fprintf(stderr, "trial: serial and parallel answers differ\n");
    rc = status_worst(rc, STATUS_FAILED);
  }
  return rc;
}

/* trial --test: published answers (see the comments), by trial division and by Miller-Rabin. */
static int self_test(runtime *rt, trial_job *job)
{
  static const struct {
    uint64_t n, verdict;
    const char *why;
  } known[] = {
    { 18446744073709551557ull, TRIAL_PRIME, "2^64-59, the largest 64-bit prime" },
    { 18446744073709551615ull, 3, "2^64-1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417" },
    { 18446743979220271189ull, 4294967279ull, "4294967279 * 4294967291, the two largest 32-bit primes" },
    { 4294967291ull, TRIAL_PRIME, "the largest 32-bit prime" },
    { 2047, 23, "strong pseudoprime to base 2 (23 * 89)" },
    { 3215031751ull, 151, "strong pseudoprime to bases 2, 3, 5, 7 (151 * 751 * 28351)" },
    { 3825123056546413051ull, 149491, "strong pseudoprime to the first 9 prime bases" },
    { 561, 3, "Carmichael number (3 * 11 * 17)" },
    { 41041, 7, "Carmichael number (7 * 11 * 13 * 41)" },
    { 1099726899285419ull, 3306091, "the teaching list's composite (3306091 * 332636609)" },
    { 112272535095293ull, TRIAL_PRIME, "the teaching list's first number" },
    { 0, TRIAL_NEITHER, "0" },
    { 1, TRIAL_NEITHER, "1" },
    { 2, TRIAL_PRIME, "2" },
    { 49, 7, "7^2" },
  };
  enum { N = sizeof known / sizeof known[0] };
  uint64_t nums[N], td[N], mr[N];
  trial_stats st;
  for (size_t i = 0; i < N; i++)
    nums[i] = known[i].n;
  uint64_t count = 0, mr_count = 0;
  job->all_workers = 1;
  job->method = TRIAL_DIVISION;
  int rc = trial_run_list(rt, job, nums, N, keep_verdicts, td, &st);
  job->method = TRIAL_MR;
  if (rc == 0)
    rc = trial_run_list(rt, job, nums, N, keep_verdicts, mr, &st);
  job->method = TRIAL_DIVISION;
  if (rc == 0)
    rc = trial_run_count(rt, job, 2, 2000000, &count, &st);
  job->method = TRIAL_MR;
  if (rc == 0)
    rc = trial_run_count(rt, job, 2, 2000000, &mr_count, &st);
  if (rc != 0 || rt->rank != 0)
    return rc;
  int bad = 0;
  for (size_t i = 0; i < N; i++) {
    uint64_t want_mr = known[i].verdict == TRIAL_PRIME || known[i].verdict == TRIAL_NEITHER ||
                           known[i].verdict <= 5 ? known[i].verdict : TRIAL_COMPOSITE;
    int ok = td[i] == known[i].verdict && mr[i] == want_mr;
    bad |= !ok;
    printf("%s %" PRIu64 ": %s\n", ok ? "OK   " : "ERROR", known[i].n, known[i].why);
  }
  int ok = count == 148933 && mr_count == 148933;
  bad |= !ok;
  printf("%s primes below 2,000,000: %" PRIu64 " by trial division, %" PRIu64
         " by Miller-Rabin (148933 expected)\n", ok ? "OK   " : "ERROR", count, mr_count);
  printf("%s\n", bad ? "trial self-test FAILED" : "trial self-test passed");
  return bad ? STATUS_FAILED : 0;
}

static int run(runtime *rt, run_record *rec, trial_options *o, int argc, char **argv)
{
  sieve_tables tables;
  int rc = prime_tables_init(rt, "trial", &tables);
  if (rc != 0)
    return rc;
  size_t l1 = 0, l2 = 0;
  runtime_cache_sizes(rt, &l1, &l2);
  trial_job job = { &tables, sieve_sizes_for_range(l1, l2, UINT64_MAX), o->method, 1,
                    o->run.progress, 0 };
  if (o->mode == TRIAL_TEST) {
    rc = self_test(rt, &job);
  } else if (o->mode == TRIAL_DEMO) {
    rc = demo(rt, rec, o, &job);
  } else if (o->mode == TRIAL_COUNT) {
    rc = count_mode(rt, rec, o, &job);
  } else {
    uint64_t *nums = NULL;
    size_t n = 0;
    rc = share_numbers(rt, o, argc, argv, &nums, &n);
    job.split = o->method == TRIAL_MR && rt->size > 1;
    if (rc == 0)
      rc = list_mode(rt, rec, o, &job, nums, n);
    free(nums);
  }
  sieve_tables_free(&tables);
  return rc;
}

static int run_trial(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  trial_options *o = opts;
  int rc = runtime_place_all(rt, &o->run);
  return rc != 0 ? rc : run(rt, rec, o, argc, argv);
}

int main(int argc, char **argv)
{
  trial_options o;
  return runtime_main(argc, argv, &trial_program, &o, run_trial);
}
