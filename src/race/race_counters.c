/* race_counters.c - one function per way of updating a shared counter from many threads. Every
 * method does the same work: the tasks are dealt to the threads in chunks, and each task adds
 * 1 to its counter `increments` times, one update at a time, so that the time per increment is
 * the price of the method and not of what the compiler folded away. */
#define _POSIX_C_SOURCE 200809L
#include "race_counters.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "status.h"

static const char *const names[RACE_METHODS] = {
  "none", "atomic", "critical", "lock", "reduction", "local", "padded", "packed",
};

const char *race_method_name(race_method m)
{
  return m < RACE_METHODS ? names[m] : "?";
}

int race_method_from_name(const char *name)
{
  for (int m = 0; m < RACE_METHODS; m++)
    if (strcmp(name, names[m]) == 0)
      return m;
  return -1;
}

/* Keeps x in a register but makes the compiler forget its value, so that a loop of x++ stays
 * one add per update instead of becoming one add of `increments` per task. */
#define KEEP(x) __asm__ volatile("" : "+r"(x))

/* The loop every method shares (inside a parallel region): this thread's tasks, each doing
 * UPDATE `increments` times. Chunks of 16 tasks are handed out as threads ask. */
#define EACH_UPDATE(tasks, increments, UPDATE)                                                   \
  _Pragma("omp for schedule(dynamic, 16)")                                                       \
  for (uint64_t task = 0; task < (tasks); task++)                                                \
    for (uint64_t i = 0; i < (increments); i++) {                                                \
      UPDATE;                                                                                    \
    }

/* A counter cache line apart from the next thread's: 128 bytes, as adjacent-line prefetch
 * pulls lines in pairs. */
#define PADDED_STRIDE (128 / sizeof(uint64_t))

/* noinline: the race-checking build (tests/tsan.supp) suppresses this deliberate race by this
 * function's name, which inlining would hide. */
__attribute__((noinline)) static uint64_t count_none(uint64_t tasks, uint64_t increments,
                                                     int threads)
{
  /* volatile: every update is a load and a store that another thread can slip between. */
  volatile uint64_t counter = 0;
#pragma omp parallel num_threads(threads)
  EACH_UPDATE(tasks, increments, counter = counter + 1)
  return counter;
}

static uint64_t count_atomic(uint64_t tasks, uint64_t increments, int threads)
{
  uint64_t counter = 0;
#pragma omp parallel num_threads(threads)
  EACH_UPDATE(tasks, increments, _Pragma("omp atomic") counter++)
  return counter;
}

static uint64_t count_critical(uint64_t tasks, uint64_t increments, int threads)
{
  uint64_t counter = 0;
#pragma omp parallel num_threads(threads)
  EACH_UPDATE(tasks, increments, _Pragma("omp critical(race_counter)") counter++)
  return counter;
}

static uint64_t count_lock(uint64_t tasks, uint64_t increments, int threads)
{
  uint64_t counter = 0;
  omp_lock_t lock;
  omp_init_lock(&lock);
#pragma omp parallel num_threads(threads)
  EACH_UPDATE(tasks, increments, omp_set_lock(&lock); counter++; omp_unset_lock(&lock))
  omp_destroy_lock(&lock);
  return counter;
}

static uint64_t count_reduction(uint64_t tasks, uint64_t increments, int threads)
{
  uint64_t counter = 0;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 16) reduction(+ : counter)
  for (uint64_t task = 0; task < tasks; task++)
    for (uint64_t i = 0; i < increments; i++) {
      counter++;
      KEEP(counter);
    }
  return counter;
}

static uint64_t count_local(uint64_t tasks, uint64_t increments, int threads)
{
  uint64_t total = 0;
#pragma omp parallel num_threads(threads)
  {
    uint64_t mine = 0;
    EACH_UPDATE(tasks, increments, mine++; KEEP(mine))
#pragma omp atomic
    total += mine;
  }
  return total;
}

/* Per-thread counters in memory, stride counters apart: 1 packs them into one cache line,
 * which every update then pulls from the other cores (false sharing). */
static int count_slots(uint64_t tasks, uint64_t increments, int threads, size_t stride,
                       uint64_t *total)
{
  size_t bytes = (size_t)threads * PADDED_STRIDE * sizeof(uint64_t);
  uint64_t *slots = aligned_alloc(128, bytes);
  if (!slots)
    return STATUS_SYSTEM;
  memset(slots, 0, bytes);
#pragma omp parallel num_threads(threads)
  {
    volatile uint64_t *mine = slots + (size_t)omp_get_thread_num() * stride;
    EACH_UPDATE(tasks, increments, *mine = *mine + 1)
  }
  *total = 0;
  for (int t = 0; t < threads; t++)
    *total += slots[(size_t)t * stride];
  free(slots);
  return 0;
}

int race_count(const runtime *rt, race_method m, uint64_t tasks, uint64_t increments,
               int threads, uint64_t *total, double *seconds)
{
  int rc = 0;
  /* Start and bind the team outside the timed region; libgomp keeps the same threads for
   * the next region of the same size. */
#pragma omp parallel num_threads(threads)
  runtime_bind_self(rt);
  double t0 = clock_now();
  switch (m) {
  case RACE_NONE:
    *total = count_none(tasks, increments, threads);
    break;
  case RACE_ATOMIC:
    *total = count_atomic(tasks, increments, threads);
    break;
  case RACE_CRITICAL:
    *total = count_critical(tasks, increments, threads);
    break;
  case RACE_LOCK:
    *total = count_lock(tasks, increments, threads);
    break;
  case RACE_REDUCTION:
    *total = count_reduction(tasks, increments, threads);
    break;
  case RACE_LOCAL:
    *total = count_local(tasks, increments, threads);
    break;
  case RACE_PADDED:
    rc = count_slots(tasks, increments, threads, PADDED_STRIDE, total);
    break;
  case RACE_PACKED:
    rc = count_slots(tasks, increments, threads, 1, total);
    break;
  default:
    rc = STATUS_USAGE;
    break;
  }
  *seconds = clock_now() - t0;
  return rc;
}
