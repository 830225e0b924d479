/* race_counters.h - the shared-counter experiment: threads add 1 to one counter, tasks x
 * increments times, with each way of synchronising (or none), timed. */
#ifndef SRC_RACE_COUNTERS_H
#define SRC_RACE_COUNTERS_H

#include <stdint.h>

#include "runtime.h"

typedef enum {
  RACE_NONE,      /* plain read-modify-write of the shared counter: updates get lost */
  RACE_ATOMIC,    /* #pragma omp atomic: one locked add per update */
  RACE_CRITICAL,  /* #pragma omp critical around the update */
  RACE_LOCK,      /* omp_set_lock / omp_unset_lock around the update */
  RACE_REDUCTION, /* reduction(+:counter): a private copy per thread, combined at the end */
  RACE_LOCAL,     /* a private counter per thread, added to the total once at the end */
  RACE_PADDED,    /* a counter per thread in memory, each on its own cache lines */
  RACE_PACKED,    /* a counter per thread in memory, all on one cache line: false sharing */
  RACE_METHODS
} race_method;

/* "none", "atomic", ... */
const char *race_method_name(race_method m);

/* The method called name, or -1. */
int race_method_from_name(const char *name);

/* Counts tasks x increments updates with method m on threads threads (bound to the rank's
 * planned cores through rt), writing the final count to *total and the seconds of the parallel
 * region to *seconds. Returns 0, STATUS_SYSTEM when memory could not be had, or STATUS_USAGE for
 * an unknown method. */
int race_count(const runtime *rt, race_method m, uint64_t tasks, uint64_t increments,
               int threads, uint64_t *total, double *seconds);

#endif
