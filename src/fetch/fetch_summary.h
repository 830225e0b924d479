/* fetch_summary.h - what a load tester prints at the end of a run: requests, failures per
 * class, counts per HTTP status, requests/s, bytes, the latency distribution (min, p50, p90,
 * p99, p99.9, max: a log-linear histogram of microseconds with three significant digits,
 * latency_hist.h) and CPU seconds; in an open loop, how many requests started late and by how
 * much. Rank 0 adds every result as it writes its row, so the figures of a run on many ranks
 * are merged exactly (from every request), never averaged per rank. */
#ifndef SRC_FETCH_SUMMARY_H
#define SRC_FETCH_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

#include "fetch.h"
#include "latency_hist.h"

#define FETCH_LATE_S 0.001 /* open loop: a start this much after its schedule is late */

typedef struct fetch_summary {
  double rate;           /* open loop: requests/s asked for; 0: closed loop */
  latency_hist latency;  /* requests that got an answer: curl's total time; in an open loop
                          * from the scheduled start to the final answer (fetch_result.latency,
                          * retries and waits included) */
  latency_hist delay;    /* open loop: every request's start delay */
  uint64_t requests, ok, failed, bytes;
  uint64_t status[600];  /* by HTTP status 100..599; [0]: any other */
  uint64_t failures[FETCH_ERROR_COUNT]; /* by error class, FETCH_OK unused */
  uint64_t late;
} fetch_summary;

/* What the whole run cost, over every rank. */
typedef struct fetch_summary_run {
  double seconds, cpu_s;
  uint64_t received;     /* network bytes, headers included, every attempt */
  int ranks;
  const char *backend;
} fetch_summary_run;

/* Returns 0, or -1 when memory ran out (nothing is left to free then). */
int fetch_summary_init(fetch_summary *s, double rate);
void fetch_summary_free(fetch_summary *s);

void fetch_summary_add(fetch_summary *s, const fetch_result *r);

/* The latency the summary counts for r, in seconds: its row's seconds, or in an open loop its
 * latency_s. */
double fetch_summary_latency(const fetch_summary *s, const fetch_result *r);

/* The summary as lines starting "fetch: " (stderr). */
void fetch_summary_print(const fetch_summary *s, const fetch_summary_run *run, FILE *out);

/* The summary as one JSON object (no newline after it). */
void fetch_summary_json(const fetch_summary *s, const fetch_summary_run *run, FILE *out);

#endif
