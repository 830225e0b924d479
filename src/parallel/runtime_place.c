/* runtime_place.c - where a rank's threads run: the cpuset the launcher gave it, the node's
 * ranks grouped by cpuset, the plan (placement.h) and its binding, one warning when the job's
 * threads oversubscribe any core, and the -v map. */
#define _POSIX_C_SOURCE 200809L
#include "runtime.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "collective.h"
#include "launch_cpuset.h"
#include "mpi_check.h"

/* OMP_NUM_THREADS when the user set it, else 0 (one thread per unit of the share). */
static unsigned threads_from_environment(void)
{
  const char *env = getenv("OMP_NUM_THREADS");
  if (!env || !*env)
    return 0;
  int n = omp_get_max_threads();
  return n > 0 && n <= PLACEMENT_MAX_THREADS ? (unsigned)n : 0;
}

/* The launcher's cpuset for this rank, within what the topology allows: read as the program
 * started (launch_cpuset.h), since libgomp may have bound the initial thread to one core
 * since; the process's binding only when that read failed. A topology that is not this
 * machine's (HWLOC_SYNTHETIC, an XML file: tests and what-ifs) shares no CPUs with the OS, so
 * the rank has all of it. */
static void read_rank_set(runtime *rt)
{
  hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(rt->topo);
  int got = hwloc_topology_is_thissystem(rt->topo) &&
            (launch_cpuset_get(rt->rank_set) == 0 ||
             hwloc_get_cpubind(rt->topo, rt->rank_set, HWLOC_CPUBIND_PROCESS) == 0);
  if (got)
    hwloc_bitmap_and(rt->rank_set, rt->rank_set, allowed);
  if (!got || hwloc_bitmap_iszero(rt->rank_set))
    hwloc_bitmap_copy(rt->rank_set, allowed);
  hwloc_bitmap_list_snprintf(rt->rank_set_text, sizeof rt->rank_set_text, rt->rank_set);
}

/* Collective: every local rank's cpuset text into sets (local_size strings of stride bytes). */
static int gather_node_sets(const runtime *rt, char *sets, size_t stride)
{
  if (!rt->mpi) {
    memcpy(sets, rt->rank_set_text, stride);
    return 0;
  }
  return MPI_CHECK(MPI_Allgather(rt->rank_set_text, (int)stride, MPI_CHAR, sets, (int)stride,
                                 MPI_CHAR, rt->node));
}

/* Collective: the most threads the plans put on one unit of a node, over every node, and the
 * lowest rank on a node where that happens (MPI_MAXLOC), into worst[0], worst[1]. The ranks
 * of a node count their threads per unit of its topology together, so ranks that were given
 * overlapping cpusets (or none, by --bind-to none) are seen as well as threads. Memory: one
 * counter per unit of the node, whatever the number of ranks. */
static int worst_load(const runtime *rt, int worst[2])
{
  int depth = placement_unit_depth(rt->topo, rt->plan.per_pu), rc = 0;
  int n = hwloc_get_nbobjs_by_depth(rt->topo, depth);
  unsigned *count = calloc(n > 0 ? (size_t)n : 1, sizeof *count);
  int mine[2] = { 0, rt->rank };
  if (!count)
    fprintf(stderr, "rank %d: out of memory for the placement check\n", rt->rank);
  rc = agree(rt, count ? 0 : STATUS_SYSTEM);
  if (rc != 0)
    goto out;
  for (unsigned t = 0; t < rt->plan.nthreads; t++)
    if (rt->plan.unit[t] >= 0 && rt->plan.unit[t] < n)
      count[rt->plan.unit[t]]++;
  if (rt->mpi)
    rc = MPI_CHECK(MPI_Allreduce(MPI_IN_PLACE, count, n, MPI_UNSIGNED, MPI_SUM, rt->node));
  if (rc != 0)
    goto out;
  for (int i = 0; i < n; i++)
    if ((int)count[i] > mine[0])
      mine[0] = (int)count[i];
  rc = collective_allreduce(rt, mine, worst, 1, MPI_2INT, MPI_MAXLOC);
out:
  free(count);
  return rc;
}

/* One line from rank 0 when some core (PU with --smt) runs more than one thread of the job. */
static void warn_oversubscribed(const runtime *rt, const int worst[2])
{
  const char *unit = rt->plan.per_pu ? "hardware thread" : "core";
  if (rt->rank != 0 || worst[0] <= 1)
    return;
  fprintf(stderr,
          "warning: cores oversubscribed: up to %d threads share one %s on the node of rank %d "
          "(rank 0: %u thread%s on %u %s%s of cpuset %s); give every thread its own core "
          "(mpirun --map-by slot:PE=N, srun -c N, fewer ranks or -t N); -v prints the map\n",
          worst[0], unit, worst[1], rt->plan.nthreads, rt->plan.nthreads == 1 ? "" : "s",
          rt->plan.share_units, unit, rt->plan.share_units == 1 ? "" : "s", rt->rank_set_text);
}

/* Binds the threads (unless --bind none) and writes the map: a header line in map[0..line),
 * then one line per thread, as the OS reports its binding. Returns the threads that could
 * not be bound. */
static int bind_and_describe(const runtime *rt, char *map, size_t line)
{
  unsigned n = rt->plan.nthreads;
  const char *unit = rt->plan.per_pu ? "pus" : "cores";
  snprintf(map, line,
           "map: host=%s rank=%d/%d local=%d/%d cpuset=%s shared_by=%d share_%s=%u "
           "threads=%u bind=%s mpi=%s%s\n",
           rt->host, rt->rank, rt->size, rt->local_rank, rt->local_size, rt->rank_set_text,
           rt->group_size, unit, rt->plan.share_units, n, rt->bind ? "core" : "none",
           rt->mpi ? "yes" : "no", rt->plan.oversubscribed ? " OVERSUBSCRIBED" : "");
  int bind_failed = 0;
#pragma omp parallel num_threads((int)n) reduction(+ : bind_failed)
  {
    int t = omp_get_thread_num();
    char where[320];
    if (rt->bind &&
        placement_bind_thread(rt->topo, rt->rank_set, &rt->plan, rt->plan.unit[t]) != 0)
      bind_failed++;
    placement_describe_thread(rt->topo, where, sizeof where);
    /* The plan beside what the OS says: on a topology that is not this machine's
     * (HWLOC_SYNTHETIC) binding does nothing and only the plan tells. */
    snprintf(map + (size_t)(t + 1) * line, line, "map: host=%s rank=%d thread=%d %s plan_%s=%d\n",
             rt->host, rt->rank, t, where, rt->plan.per_pu ? "pu" : "core", rt->plan.unit[t]);
  }
  return bind_failed;
}

/* Each step that can fail on one rank is agreed on by all before the next collective, so
 * that no rank waits in one that another skipped; the last (the -v map) agrees in
 * runtime_gather. Every rank returns the same code. */
int runtime_place_all(runtime *rt, const run_options *o)
{
  int rc = 0, worst[2] = { 0, 0 };
  char *sets = NULL, *map = NULL;
  const size_t stride = sizeof rt->rank_set_text, line = 2048;

  if (hwloc_topology_init(&rt->topo) != 0 || hwloc_topology_load(rt->topo) != 0) {
    fprintf(stderr, "hwloc could not read this machine's topology\n");
    rc = STATUS_SYSTEM;
  } else {
    rt->rank_set = hwloc_bitmap_alloc();
    sets = calloc((size_t)rt->local_size, stride);
    if (!rt->rank_set || !sets) {
      fprintf(stderr, "rank %d: out of memory for the placement\n", rt->rank);
      rc = STATUS_SYSTEM;
    }
  }
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
  read_rank_set(rt);
  rc = gather_node_sets(rt, sets, stride);
  if (rc != 0)
    goto out;
  placement_group(sets, stride, rt->local_size, rt->local_rank, &rt->group_size,
                  &rt->group_index);

  unsigned threads = o->threads ? o->threads : threads_from_environment();
  if (placement_plan_make(rt->topo, rt->rank_set, rt->group_size, rt->group_index, threads,
                          o->smt, &rt->plan) != 0) {
    fprintf(stderr, "rank %d: cannot place %u threads in cpuset %s\n", rt->rank, threads,
            rt->rank_set_text);
    rc = STATUS_SYSTEM;
  } else {
    map = calloc(rt->plan.nthreads + 1, line);
    if (!map) {
      fprintf(stderr, "rank %d: out of memory for the placement map\n", rt->rank);
      rc = STATUS_SYSTEM;
    }
  }
  rc = agree(rt, rc);
  if (rc == 0)
    rc = worst_load(rt, worst);
  if (rc != 0)
    goto out;
  warn_oversubscribed(rt, worst);
  rt->bind = o->bind;
  int bind_failed = bind_and_describe(rt, map, line);
  if (bind_failed)
    fprintf(stderr, "rank %d: warning: %d threads could not be bound\n", rt->rank, bind_failed);

  if (o->verbose) {
    size_t len = 0;
    for (unsigned t = 0; t <= rt->plan.nthreads; t++) {
      size_t k = strlen(map + (size_t)t * line);
      memmove(map + len, map + (size_t)t * line, k + 1);
      len += k;
    }
    rc = runtime_print_ranks(rt, map);
  }
out:
  free(sets);
  free(map);
  return rc;
}

void runtime_bind_self(const runtime *rt)
{
  int t = omp_get_thread_num();
  if (rt->bind && t < (int)rt->plan.nthreads)
    placement_bind_thread(rt->topo, rt->rank_set, &rt->plan, rt->plan.unit[t]);
}

void runtime_cache_sizes(const runtime *rt, size_t *l1d, size_t *l2)
{
  hwloc_obj_t c1 = hwloc_get_obj_by_type(rt->topo, HWLOC_OBJ_L1CACHE, 0);
  hwloc_obj_t c2 = hwloc_get_obj_by_type(rt->topo, HWLOC_OBJ_L2CACHE, 0);
  *l1d = c1 && c1->attr ? (size_t)c1->attr->cache.size : 0;
  *l2 = c2 && c2->attr ? (size_t)c2->attr->cache.size : 0;
}
