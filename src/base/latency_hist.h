/* latency_hist.h - a latency histogram of whole microseconds in HdrHistogram's log-linear
 * layout with three significant digits: values below 2048 us are counted exactly, larger ones
 * in buckets 1/1024 of their value wide, up to 2^40 us (12 days; larger values count as that).
 * Its size is fixed (about 250 KiB) however many values it holds, adding is O(1), and two
 * histograms merge exactly by adding their counts. Percentiles by nearest rank; the count,
 * min, max and mean are exact. */
#ifndef SRC_BASE_LATENCY_HIST_H
#define SRC_BASE_LATENCY_HIST_H

#include <stdint.h>

#define LATENCY_HIST_SUB_BITS 11 /* 2^11 exact values, then 2^10 buckets per power of two */
#define LATENCY_HIST_MAX_BITS 40
#define LATENCY_HIST_BUCKETS \
  ((1u << LATENCY_HIST_SUB_BITS) + \
   (LATENCY_HIST_MAX_BITS - LATENCY_HIST_SUB_BITS) * (1u << (LATENCY_HIST_SUB_BITS - 1)))

typedef struct latency_hist {
  uint64_t *counts;  /* LATENCY_HIST_BUCKETS */
  uint64_t n;        /* values added */
  uint64_t min, max; /* exact, microseconds; min is UINT64_MAX while n is 0 */
  double sum;        /* of the values, for the mean */
} latency_hist;

/* Returns 0, or -1 when memory ran out (h is then empty and safe to free). */
int latency_hist_init(latency_hist *h);
void latency_hist_free(latency_hist *h);

/* Counts one value of `us` microseconds. */
void latency_hist_add(latency_hist *h, uint64_t us);

/* Adds every count of `from` to `into`. */
void latency_hist_merge(latency_hist *into, const latency_hist *from);

/* The value at rank ceil(p / 100 * n) (at least 1) of the sorted values, 0 <= p <= 100, as
 * the largest value of its bucket, never past max: within 1/1024 of the exact value (exact
 * below 2048 us). 0 when the histogram is empty. */
uint64_t latency_hist_percentile(const latency_hist *h, double p);

#endif
