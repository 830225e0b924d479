/* race_demos.c - the deadlock and semaphore demonstrations. The deadlock is made certain, not
 * a matter of timing: a barrier makes both threads hold their first lock before either asks
 * for the second; omp_test_lock with a deadline turns the hang into a report. */
#define _POSIX_C_SOURCE 200809L
#include "race_demos.h"

#include <errno.h>
#include <omp.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "status.h"

static void sleep_s(double s)
{
  struct timespec ts = { (time_t)s, (long)((s - (double)(time_t)s) * 1e9) };
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

/* Tries for lock until deadline_s passes. Returns 1 when it was taken, 0 at the deadline. */
static int take_by(omp_lock_t *lock, double deadline_s)
{
  double start = clock_now();
  while (clock_now() - start < deadline_s) {
    if (omp_test_lock(lock))
      return 1;
    sleep_s(0.001);
  }
  return 0;
}

int race_demo_deadlock(double deadline_s, FILE *out)
{
  omp_lock_t a, b;
  int got[2] = { 0, 0 }, team = 0;
  uint64_t passes = 0;
  omp_init_lock(&a);
  omp_init_lock(&b);

  fprintf(out, "deadlock: thread 0 takes A then B, thread 1 takes B then A\n");
  double t0 = clock_now();
#pragma omp parallel num_threads(2)
  {
    int me = omp_get_thread_num();
#pragma omp single
    team = omp_get_num_threads();
    omp_lock_t *first = me == 0 ? &a : &b, *second = me == 0 ? &b : &a;
    omp_set_lock(first);
#pragma omp barrier
    got[me] = take_by(second, deadline_s);
    if (got[me])
      omp_unset_lock(second);
    /* Neither lets go of its first lock before both have given up: a thread the machine ran
     * late would otherwise start its wait after the other's ended, and get its lock. */
#pragma omp barrier
    omp_unset_lock(first);
  }
  int deadlocked = team == 2 && !got[0] && !got[1];
  if (deadlocked)
    fprintf(out, "deadlock: detected after %.2f s, the deadline (%.2f s since the threads "
            "started): thread 0 holds A and waits for B, thread 1 holds B and waits for A; "
            "both gave up their lock\n", deadline_s, clock_now() - t0);
  else
    fprintf(out, "deadlock: NOT seen (team of %d, thread 0 %s B, thread 1 %s A)\n", team,
            got[0] ? "got" : "did not get", got[1] ? "got" : "did not get");

  /* The fix: one global order. Both threads take A first, so whoever holds A gets B too. */
  t0 = clock_now();
#pragma omp parallel num_threads(2) reduction(+ : passes)
  for (int i = 0; i < 1000; i++) {
    omp_set_lock(&a);
    omp_set_lock(&b);
    passes++;
    omp_unset_lock(&b);
    omp_unset_lock(&a);
  }
  fprintf(out, "deadlock: fixed order (A before B in both threads): %llu passes through both "
          "locks in %.3f s, no deadlock\n", (unsigned long long)passes, clock_now() - t0);
  omp_destroy_lock(&a);
  omp_destroy_lock(&b);
  return deadlocked && passes == 2000 ? 0 : STATUS_FAILED;
}

typedef struct visit {
  int worker;
  double in, out;
  int seen; /* how many were inside, this worker included, when it entered */
} visit;

static int by_entry(const void *x, const void *y)
{
  double a = ((const visit *)x)->in, b = ((const visit *)y)->in;
  return (a > b) - (a < b);
}

int race_demo_semaphore(unsigned slots, unsigned workers, FILE *out)
{
  sem_t sem;
  int inside = 0, most = 0;
  visit *v = calloc(workers, sizeof *v);
  if (!v || sem_init(&sem, 0, slots) != 0) {
    free(v);
    return STATUS_SYSTEM;
  }
  fprintf(out, "semaphore: %u workers, at most %u inside at once, 100 ms each\n", workers,
          slots);
  double t0 = clock_now();
#pragma omp parallel num_threads((int)workers)
  {
    visit *me = &v[omp_get_thread_num()];
    me->worker = omp_get_thread_num();
    while (sem_wait(&sem) != 0 && errno == EINTR)
      ;
    me->in = clock_now() - t0;
#pragma omp atomic capture
    me->seen = ++inside;
#pragma omp critical(race_most)
    most = me->seen > most ? me->seen : most;
    sleep_s(0.1);
#pragma omp atomic
    inside--;
    me->out = clock_now() - t0;
    sem_post(&sem);
  }
  qsort(v, workers, sizeof *v, by_entry);
  for (unsigned i = 0; i < workers; i++)
    fprintf(out, "semaphore: worker %d in %.3f s, out %.3f s, %d inside\n", v[i].worker, v[i].in,
            v[i].out, v[i].seen);
  fprintf(out, "semaphore: at most %d of %u workers were inside at once (limit %u): %s\n", most,
          workers, slots, most <= (int)slots ? "ok" : "EXCEEDED");
  sem_destroy(&sem);
  free(v);
  return most <= (int)slots ? 0 : STATUS_FAILED;
}
