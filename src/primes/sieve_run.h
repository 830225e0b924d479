/* sieve_run.h - the sieve's parallel split: a range cut into chunks (whole wheel bytes)
 * dealt round-robin to ranks and dynamically to each rank's threads, every thread with its
 * own engine; the batch of many small sieves as independent tasks; and the ordered print. */
#ifndef SRC_SIEVE_RUN_H
#define SRC_SIEVE_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "runtime.h"
#include "sieve_engine.h"

typedef struct sieve_job {
  const sieve_tables *tables;
  sieve_sizes sizes;
  uint64_t lo, hi;   /* the range, inclusive; for a batch, n in [lo, hi) */
  int sum, twins;    /* what to compute beyond the count */
  int all_workers;   /* 0: rank 0 alone on one thread (the serial baseline) */
  int progress;      /* a status line on rank 0's stderr */
} sieve_job;

typedef struct sieve_totals {
  uint64_t count, sum, twins; /* sum modulo 2^64 */
  uint64_t chunks;            /* chunks (or batch tasks) the work was cut into */
  uint64_t numbers;           /* numbers sieved (count) or tasks done (batch): all of them
                               * unless a signal stopped the run */
  int threads;                /* threads per rank that worked */
  double seconds;             /* wall time, barrier to reduction */
} sieve_totals;

/* Collective: counts (and sums, and counts twins in) [lo, hi]. *out is complete on rank 0.
 * A SIGINT / SIGTERM (stop.h) ends every thread's work within a segment: out->numbers then
 * says how many numbers the totals cover. Returns 0; on every rank STATUS_SYSTEM when memory
 * ran out on any (rank 0 says so); STATUS_MPI. */
int sieve_run_count(const runtime *rt, const sieve_job *job, sieve_totals *out);

/* The most primes a batch task's list for n can hold: the size of each thread's list. */
uint64_t sieve_batch_list_max(uint64_t n);

/* Collective: for every n in [lo, hi) builds the list of primes <= n and adds its length and
 * sum to the totals; after a SIGINT / SIGTERM no new task starts (out->numbers: tasks done).
 * Returns 0, STATUS_SYSTEM (as sieve_run_count) or STATUS_MPI. */
int sieve_run_batch(const runtime *rt, const sieve_job *job, sieve_totals *out);

/* Rank 0 alone: writes the primes of [lo, hi] to out in order, one per line, streaming (64 KiB
 * at a time). After a SIGINT / SIGTERM it finishes the line in hand and stops, so the output
 * is always every prime from lo up to its last line (stop_requested() tells). Returns 0, or
 * STATUS_SYSTEM on a write error or when memory ran out (with a message). */
int sieve_run_print(const sieve_job *job, FILE *out);

#endif
