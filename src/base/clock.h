/* clock.h - time and resource use: a monotonic clock for every interval the tools report,
 * and this process's CPU seconds and peak memory from getrusage. */
#ifndef SRC_CLOCK_H
#define SRC_CLOCK_H

#include <pthread.h>
#include <time.h>

/* Seconds on the monotonic clock, from an arbitrary origin: for intervals only. */
double clock_now(void);

typedef struct clock_usage {
  double user_s;     /* CPU seconds in user mode, all threads */
  double sys_s;      /* CPU seconds in the kernel, all threads */
  double max_rss_kb; /* peak resident set size, KiB */
} clock_usage;

/* This process's resource use so far. */
clock_usage clock_usage_now(void);

/* Initialises c on the monotonic clock, so that timed waits on it (clock_deadline) do not
 * move with the wall clock. */
void clock_cond_init(pthread_cond_t *c);

/* The moment `seconds` from now on the monotonic clock, as pthread_cond_timedwait wants it
 * for a condition variable made by clock_cond_init. */
struct timespec clock_deadline(double seconds);

/* Sleeps for about `seconds` (used by idle pollers, never for timing). */
void clock_sleep(double seconds);

#endif
