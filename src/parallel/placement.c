/* placement.c - plans and applies the rank/thread-to-core map with hwloc. */
#include "placement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void placement_group(const char *sets, size_t stride, int n, int me, int *group_size,
                     int *group_index)
{
  const char *mine = sets + (size_t)me * stride;
  *group_size = 0;
  *group_index = 0;
  for (int r = 0; r < n; r++) {
    if (strcmp(sets + (size_t)r * stride, mine) != 0)
      continue;
    (*group_size)++;
    if (r < me)
      (*group_index)++;
  }
}

int placement_unit_depth(hwloc_topology_t topo, int per_pu)
{
  return per_pu ? hwloc_get_type_depth(topo, HWLOC_OBJ_PU)
                : hwloc_get_type_or_below_depth(topo, HWLOC_OBJ_CORE);
}

/* The units at depth that rank_set touches, in logical order; returns how many (at most
 * max). */
static unsigned units_in_set(hwloc_topology_t topo, int depth, hwloc_const_cpuset_t set,
                             int *units, unsigned max)
{
  unsigned n = 0, total = (unsigned)hwloc_get_nbobjs_by_depth(topo, depth);
  for (unsigned i = 0; i < total && n < max; i++) {
    hwloc_obj_t obj = hwloc_get_obj_by_depth(topo, depth, i);
    if (hwloc_bitmap_intersects(obj->cpuset, set))
      units[n++] = (int)obj->logical_index;
  }
  return n;
}

int placement_plan_make(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set, int group_size,
                        int group_index, unsigned threads, int per_pu, placement_plan *plan)
{
  int depth = placement_unit_depth(topo, per_pu);
  unsigned total = (unsigned)hwloc_get_nbobjs_by_depth(topo, depth);
  int *units = malloc((total ? total : 1) * sizeof *units);
  unsigned n = units ? units_in_set(topo, depth, rank_set, units, total) : 0;
  if (n == 0 || group_size < 1 || group_index < 0 || group_index >= group_size ||
      threads > PLACEMENT_MAX_THREADS) {
    free(units);
    return -1;
  }

  unsigned m = (unsigned)group_size, j = (unsigned)group_index, first, count;
  if (m <= n) {
    first = (unsigned)((unsigned long long)j * n / m);
    count = (unsigned)((unsigned long long)(j + 1) * n / m) - first;
  } else {
    first = j % n;
    count = 1;
  }
  memset(plan, 0, sizeof *plan);
  plan->per_pu = per_pu;
  plan->set_units = n;
  plan->share_units = count;
  plan->nthreads = threads ? threads : count;
  plan->oversubscribed = m > n || plan->nthreads > count;
  for (unsigned t = 0; t < plan->nthreads; t++)
    plan->unit[t] = units[first + t % count];
  free(units);
  return 0;
}

int placement_bind_thread(hwloc_topology_t topo, hwloc_const_cpuset_t rank_set,
                          const placement_plan *plan, int unit)
{
  hwloc_obj_t obj =
    hwloc_get_obj_by_depth(topo, placement_unit_depth(topo, plan->per_pu), (unsigned)unit);
  if (!obj)
    return -1;
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  if (!set)
    return -1;
  hwloc_bitmap_and(set, obj->cpuset, rank_set);
  int rc = hwloc_set_cpubind(topo, set, HWLOC_CPUBIND_THREAD);
  hwloc_bitmap_free(set);
  return rc == 0 ? 0 : -1;
}

void placement_describe_thread(hwloc_topology_t topo, char *buf, size_t n)
{
  char pus[256], core_list[256];
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  hwloc_bitmap_t cores = hwloc_bitmap_alloc();
  snprintf(buf, n, "core=? pus=?");
  if (!set || !cores || hwloc_get_cpubind(topo, set, HWLOC_CPUBIND_THREAD) != 0)
    goto out;
  /* A core counts when the set touches any of its PUs, not only when it covers them all. */
  for (hwloc_obj_t core = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_CORE, NULL); core;
       core = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_CORE, core))
    if (hwloc_bitmap_intersects(core->cpuset, set))
      hwloc_bitmap_set(cores, core->logical_index);
  hwloc_bitmap_list_snprintf(pus, sizeof pus, set);
  hwloc_bitmap_list_snprintf(core_list, sizeof core_list, cores);
  snprintf(buf, n, "core=%s pus=%s", core_list, pus);
out:
  hwloc_bitmap_free(set);
  hwloc_bitmap_free(cores);
}
