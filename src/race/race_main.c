/* race_main.c - the race program: the shared-counter table (every method, on 1 thread and on
 * every core, each rank counting its share of the tasks, totals summed on rank 0), or one of
 * the lock demonstrations on rank 0. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "collective.h"
#include "race_counters.h"
#include "race_demos.h"
#include "race_options.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"

/* What repeated runs of one method on one thread count gave, on rank 0. */
typedef struct race_point {
  uint64_t expected, lost_min, lost_max, lost_median;
  double seconds; /* median over the repetitions of the slowest rank's time */
} race_point;

static int by_value(const void *x, const void *y)
{
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static double median(double *v, unsigned n)
{
  qsort(v, n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Collective: o->repeat runs of method m on threads threads per rank (fewer after a SIGINT /
 * SIGTERM on any rank: the point then covers the runs done). Returns 0, STATUS_SYSTEM (every
 * rank), or STATUS_MPI. */
static int measure(const runtime *rt, const race_options *o, race_method m, int threads,
                   race_point *p)
{
  double secs[1000], lost[1000];
  uint64_t share = runtime_share(o->tasks, rt->rank, rt->size);
  int failed = 0, rc = 0;
  unsigned runs = o->repeat;
  for (unsigned r = 0; r < runs; r++) {
    uint64_t mine = 0, total = 0;
    double s = 0, slowest = 0;
    if (race_count(rt, m, share, o->increments, threads, &mine, &s) != 0)
      failed = 1;
    rc = collective_reduce(rt, &mine, &total, 1, MPI_UINT64_T, MPI_SUM);
    if (rc == 0)
      rc = collective_reduce(rt, &s, &slowest, 1, MPI_DOUBLE, MPI_MAX);
    if (rc != 0)
      return rc;
    secs[r] = slowest;
    lost[r] = (double)(o->tasks * o->increments - total);
    int stop = runtime_any_stop(rt);
    if (stop < 0)
      return stop;
    if (stop)
      runs = r + 1;
  }
  rc = agree(rt, failed ? STATUS_SYSTEM : 0);
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "race: %s: out of memory\n", race_method_name(m));
  if (rc != 0)
    return rc;
  p->expected = o->tasks * o->increments;
  p->seconds = median(secs, runs);
  p->lost_median = (uint64_t)median(lost, runs); /* sorted now */
  p->lost_min = (uint64_t)lost[0];
  p->lost_max = (uint64_t)lost[runs - 1];
  return 0;
}

/* Rank 0: one line of the table. */
static void print_point(const runtime *rt, race_method m, int threads, const race_point *p)
{
  char range[64] = "";
  if (p->lost_max > p->lost_min)
    snprintf(range, sizeof range, " (%llu-%llu)", (unsigned long long)p->lost_min,
             (unsigned long long)p->lost_max);
  printf("%-10s %5d %7d %10llu %10llu %10llu%-17s %9.6f %8.2f\n", race_method_name(m), rt->size,
         threads, (unsigned long long)(p->expected - p->lost_median),
         (unsigned long long)p->expected, (unsigned long long)p->lost_median, range, p->seconds,
         p->seconds * 1e9 / (double)p->expected);
  fflush(stdout);
}

/* Collective: the results row of one point. */
static int append_point(runtime *rt, run_record *rec, const race_options *o, race_method m,
                        int threads, const race_point *p)
{
  char params[128], result[128];
  snprintf(params, sizeof params, "tasks=%llu increments=%llu repeat=%u",
           (unsigned long long)o->tasks, (unsigned long long)o->increments, o->repeat);
  snprintf(result, sizeof result, "total=%llu lost=%llu lost_min=%llu lost_max=%llu",
           (unsigned long long)(p->expected - p->lost_median),
           (unsigned long long)p->lost_median, (unsigned long long)p->lost_min,
           (unsigned long long)p->lost_max);
  results_row row = {
    .tool = "race", .variant = race_method_name(m), .ranks = rt->size, .threads = threads,
    .params = params, .items = p->expected, .seconds = p->seconds, .unit = "increments",
    .result = result,
  };
  return run_record_append_row(rec, rt, "race", o->run.csv, &row);
}

static int table(runtime *rt, run_record *rec, const race_options *o)
{
  int counts[2] = { 1, (int)rt->plan.nthreads }, ncounts = counts[1] > 1 ? 2 : 1, found = 0;
  if (o->run.threads) {
    counts[0] = (int)o->run.threads;
    ncounts = 1;
  }
  if (rt->rank == 0)
    printf("%-10s %5s %7s %10s %10s %10s%-17s %9s %8s\n", "method", "ranks", "threads", "total",
           "expected", "lost", "", "seconds", "ns/incr");
  for (int c = 0; c < ncounts; c++) {
    for (int m = 0; m < RACE_METHODS; m++) {
      race_point p;
      if (!(o->methods & (1u << m)))
        continue;
      int rc = measure(rt, o, (race_method)m, counts[c], &p);
      if (rc != 0)
        return rc;
      if (rt->rank == 0) {
        print_point(rt, (race_method)m, counts[c], &p);
        if (m != RACE_NONE && p.lost_max > 0) {
          fprintf(stderr, "race: %s lost updates: a synchronised method must not\n",
                  race_method_name((race_method)m));
          found = STATUS_FAILED;
        }
      }
      rc = append_point(rt, rec, o, (race_method)m, counts[c], &p);
      if (rc == STATUS_MPI)
        return rc;
      found = status_worst(found, rc); /* rank 0 could not write the row: the table goes on */
      rc = runtime_any_stop(rt); /* a SIGINT / SIGTERM: the rows so far stand, no more */
      if (rc != 0)
        return rc < 0 ? rc : found;
    }
  }
  return found;
}

static int run_race(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  const race_options *o = opts;
  (void)argc;
  (void)argv;
  if (o->mode == RACE_DEADLOCK || o->mode == RACE_SEMAPHORE) {
    if (rt->rank != 0)
      return 0;
    return o->mode == RACE_DEADLOCK ? race_demo_deadlock(o->deadline_s, stdout)
                                    : race_demo_semaphore(o->slots, o->workers, stdout);
  }
  int rc = runtime_place_all(rt, &o->run);
  if (rc != 0)
    return rc;
  rc = table(rt, rec, o);
  /* The lesson in words, under the full table only. */
  if ((rc == 0 || rc == STATUS_FAILED) && rt->rank == 0 && o->methods == (1u << RACE_METHODS) - 1)
    fprintf(stderr, "race: none loses updates when threads overlap a load and a store; the\n"
            "race: others are exact and cost what their ns/incr says; packed counters share a\n"
            "race: cache line (false sharing), padded ones do not. See also --demo deadlock and\n"
            "race: --demo semaphore.\n");
  return rc;
}

int main(int argc, char **argv)
{
  race_options o;
  return runtime_main(argc, argv, &race_program, &o, run_race);
}
