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
  int per_pu;              /* the units are hardware threads (--smt), else cores */
  unsigned share_units;    /* units in the rank's share */
  unsigned set_units;      /* units in the cpuset it shares with its group */
  int oversubscribed;      /* a unit of this rank runs more than one of the group's threads */
  int unit[PLACEMENT_MAX_THREADS]; /* logical index of each thread's core (PU when per_pu) */
} placement_plan;

/* Among the n local ranks whose cpusets are the strings sets[0], sets[stride], ..., counts in
 * *group_size those equal to rank me's, and in *group_index how many of them come before me. */
void placement_group(const char *sets, size_t stride, int n, int me, int *group_size,
                     int *group_index);

/* The kind of unit a thread is placed on: HWLOC_OBJ_PU when per_pu, else HWLOC_OBJ_CORE (or
 * what stands in for cores on a machine that reports none). */
int placement_unit_depth(hwloc_topology_t topo, int per_pu);

/* Plans the threads of the rank that is number group_index of group_size ranks sharing
 * rank_set: its share is a contiguous, fair slice of the units (cores, or PUs when per_pu)
 * rank_set touches (one unit, round-robin, when there are more ranks than units). threads ==
 * 0 means one thread per unit of the share. Returns 0, or -1 when rank_set touches no unit or
 * threads is too large. */
int placement_plan_make(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set, int group_size,
                        int group_index, unsigned threads, int per_pu, placement_plan *plan);

/* Binds the calling thread to the PUs of the plan's unit `unit` (logical index) that rank_set
 * allows. Returns 0 or -1. */
int placement_bind_thread(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set,
                          const placement_plan *plan, int unit);

/* Describes the calling thread's actual binding, read back from the OS, as
 * "core=<logical index or list> pus=<OS indexes>". */
void placement_describe_thread(hwloc_topology_t topo, char *buf, size_t n);

#endif
