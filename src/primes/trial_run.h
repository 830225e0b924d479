/* trial_run.h - trial division over ranks and threads. The divisors of a list of numbers are
 * the primes up to sqrt(max N): below 2^26 they come from a table (primes and their
 * inverses, built once per rank in parallel pieces), above it they are sieved on the way in
 * spans. The work is a list of tasks (number, piece or span) in number order; ranks take
 * them round-robin and threads dynamically, in rounds after which the ranks share the
 * factors found, so that every worker stops on a number once any worker has a factor below
 * its divisors. A number's result is final, and printed, once every task of it is done. */
#ifndef SRC_TRIAL_RUN_H
#define SRC_TRIAL_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "runtime.h"
#include "sieve_engine.h"
#include "trial_options.h"

typedef struct trial_job {
  const sieve_tables *tables;
  sieve_sizes sizes;
  trial_method method;
  int all_workers; /* 0: rank 0 alone on one thread (the serial baseline) */
  int progress;
  int split;       /* TRIAL_MR with all_workers: ranks other than 0 hold only their block of
                    * the list (trial_block), not all of it */
} trial_job;

/* The block of a list of n numbers that rank `rank` of `ranks` tests with --method mr:
 * [*lo, *hi). */
void trial_block(size_t n, int rank, int ranks, size_t *lo, size_t *hi);

/* The counts and offsets of every rank's block for MPI_Scatterv / MPI_Gatherv over `size`
 * ranks, the first `ranks` of which take blocks: two arrays malloc'd for the caller to free
 * (even on failure). Returns 0, or STATUS_SYSTEM (memory, or n past MPI's int counts). */
int trial_block_layout(size_t n, int ranks, int size, int **counts, int **offsets);

/* What a number is: TRIAL_PRIME, TRIAL_NEITHER (0 and 1), else its smallest prime factor;
 * TRIAL_COMPOSITE when --method mr says composite without a factor. */
#define TRIAL_PRIME 0
#define TRIAL_NEITHER 1
#define TRIAL_COMPOSITE UINT64_MAX

/* Rank 0 receives the results of nums[first..first + n) in order as they become final.
 * Returns 0, or a status code that ends the run on every rank. */
typedef int trial_sink(const uint64_t *nums, const uint64_t *verdicts, size_t first, size_t n,
                       void *ctx);

typedef struct trial_stats {
  double seconds;
  int threads;
  uint64_t tasks;
  uint64_t done; /* numbers with a verdict (list) or tested (count, rank 0): all of them unless
                  * a SIGINT / SIGTERM (stop.h) stopped the run */
} trial_stats;

/* Collective: every rank passes the same nums[0..n), or with job->split (TRIAL_MR) rank 0
 * the whole list and every other rank its block only, nums[0] being number lo of the list
 * (trial_block). Returns 0; on every rank, a sink's
 * non-zero status code or STATUS_SYSTEM when memory ran out on any rank; STATUS_MPI. */
int trial_run_list(const runtime *rt, const trial_job *job, const uint64_t *nums, size_t n,
                   trial_sink *sink, void *ctx, trial_stats *st);

/* Collective: counts the primes in [a, b) on rank 0 (*count). Returns 0, STATUS_SYSTEM on
 * every rank when memory ran out on any, or STATUS_MPI. */
int trial_run_count(const runtime *rt, const trial_job *job, uint64_t a, uint64_t b,
                    uint64_t *count, trial_stats *st);

#endif
