/* clock.c - clock_gettime(CLOCK_MONOTONIC), getrusage(RUSAGE_SELF), nanosleep, and condition
 * variables on the monotonic clock. */
#define _POSIX_C_SOURCE 200809L
#include "clock.h"

#include <sys/resource.h>
#include <time.h>

double clock_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

clock_usage clock_usage_now(void)
{
  struct rusage ru;
  clock_usage u = { 0, 0, 0 };
  if (getrusage(RUSAGE_SELF, &ru) == 0) {
    u.user_s = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec;
    u.sys_s = (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    u.max_rss_kb = (double)ru.ru_maxrss; /* Linux reports KiB */
  }
  return u;
}

void clock_cond_init(pthread_cond_t *c)
{
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(c, &attr);
  pthread_condattr_destroy(&attr);
}

struct timespec clock_deadline(double seconds)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double s = (double)t.tv_sec + 1e-9 * (double)t.tv_nsec + seconds;
  t.tv_sec = (time_t)s;
  t.tv_nsec = (long)((s - (double)t.tv_sec) * 1e9);
  return t;
}

void clock_sleep(double seconds)
{
  struct timespec ts;
  ts.tv_sec = (time_t)seconds;
  ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
  nanosleep(&ts, NULL);
}
