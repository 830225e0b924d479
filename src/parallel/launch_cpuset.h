/* launch_cpuset.h - the CPUs the launcher gave this process, as they were before any library
 * ran. libgomp binds the initial thread to its first place while it loads when OMP_PLACES,
 * OMP_PROC_BIND or GOMP_CPU_AFFINITY is set (most centres set them in every job script), and
 * from then on the process's own affinity reads as one core. */
#ifndef SRC_PARALLEL_LAUNCH_CPUSET_H
#define SRC_PARALLEL_LAUNCH_CPUSET_H

#include <hwloc.h>

/* Copies the launch-time CPUs (OS indexes) into set. Returns 0, or -1 when they were not
 * read (the executable's pre-initialisation did not run, or sched_getaffinity failed). */
int launch_cpuset_get(hwloc_bitmap_t set);

#endif
