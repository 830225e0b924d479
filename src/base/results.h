/* results.h - the one results CSV schema that every tool writes and every plot reads.
 * results/README.md documents each column; change RESULTS_SCHEMA when the columns change. */
#ifndef SRC_RESULTS_H
#define SRC_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define RESULTS_SCHEMA 3

/* The header line, without the newline. */
extern const char results_header[];

typedef struct results_row {
  const char *tool;    /* program: pow, sieve, ... */
  const char *variant; /* kernel or backend: scalar, omp, multi, ... */
  int ranks;           /* MPI ranks */
  int threads;         /* OpenMP threads per rank */
  const char *params;  /* the workload, as key=value pairs separated by spaces */
  uint64_t items;      /* units of work done */
  double seconds;      /* wall time of the measured region */
  const char *unit;    /* what an item is: candidates, primes, requests, ... */
  const char *result;  /* the answer or outcome, short */
  double cpu_user_s;   /* summed over all ranks */
  double cpu_sys_s;    /* summed over all ranks */
  double max_rss_kb;   /* peak RSS, summed over all ranks */
  const char *run_id;  /* joins the row to its line in the run sidecar (run_record.h) */
  int partial;         /* 1: a signal stopped the run; items and result cover the work done */
} results_row;

/* Formats row as one CSV line ending in '\n' (RFC 4180 quoting), filling in rate, host, cpu,
 * timestamp and version. Returns the length, or STATUS_SYSTEM (errno EOVERFLOW) when it does
 * not fit in n bytes. */
int results_format(char *buf, size_t n, const results_row *row);

/* Appends row to the CSV at path, writing the header first when the file is empty. The file
 * is locked (flock) for the append, so concurrent writers each add one whole line. Returns
 * 0, or STATUS_SYSTEM with errno set. */
int results_append(const char *path, const results_row *row);

#endif
