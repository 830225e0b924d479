/* placement.h - which core each OpenMP thread of a rank runs on.
 *
 * A rank starts with the cpuset its launcher gave it. Ranks on one node that were given the
 * same cpuset (Open MPI binds to a whole package when it starts more than 2 ranks, and binds
 * to nothing when oversubscribed) split its cores among themselves; each thread is then
 * bound to its own core inside the rank's share. The planning functions are pure, so they
 * are tested on synthetic topologies larger than any test machine. */
#ifndef SRC_PLACEMENT_H
#define SRC_PLACEMENT_H

#include <hwloc.h>
#include <stddef.h>

#include "cli.h"

#define PLACEMENT_MAX_THREADS CLI_MAX_THREADS

typedef struct placement_plan {
  unsigned nthreads;       /* threads the rank runs */
  unsigned share_cores;    /* cores in the rank's share */
  unsigned set_cores;      /* cores in the cpuset it shares with its group */
  int oversubscribed;      /* a core runs more than one of the node's threads */
  int core[PLACEMENT_MAX_THREADS]; /* logical index of each thread's core */
} placement_plan;

/* Among the n local ranks whose cpusets are the strings sets[0], sets[stride], ..., counts in
 * *group_size those equal to rank me's, and in *group_index how many of them come before me. */
void placement_group(const char *sets, size_t stride, int n, int me, int *group_size,
                     int *group_index);

/* Plans the threads of the rank that is number group_index of group_size ranks sharing
 * rank_set: its share is a contiguous, fair slice of the cores rank_set touches (one core,
 * round-robin, when there are more ranks than cores). threads == 0 means one thread per core
 * of the share. Returns 0, or -1 when rank_set touches no core or threads is too large. */
int placement_plan_make(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set, int group_size,
                        int group_index, unsigned threads, placement_plan *plan);

/* Binds the calling thread to the PUs of core `core` (logical index) that rank_set allows.
 * Returns 0 or -1. */
int placement_bind_thread(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set, int core);

/* Describes the calling thread's actual binding, read back from the OS, as
 * "core=<logical index or list> pus=<OS indexes>". */
void placement_describe_thread(hwloc_topology_t topo, char *buf, size_t n);

#endif
