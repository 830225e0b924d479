/* test_placement.c - the rank/thread split on synthetic topologies, beyond this 2-core
 * machine: 2 packages x 16 cores x 2 PUs, with the cpusets launchers really hand out
 * (whole node, one package per rank, one core per rank, one PU). */
#include <hwloc.h>
#include <string.h>

#include "placement.h"
#include "test_util.h"

static hwloc_topology_t topo;

/* Checks that the ranks of one group get disjoint shares that together cover every core. */
static void check_split(hwloc_const_cpuset_t set, int ranks, unsigned want_cores_total)
{
  int owner[64];
  memset(owner, -1, sizeof owner);
  for (int r = 0; r < ranks; r++) {
    placement_plan plan;
    CHECK(placement_plan_make(topo, set, ranks, r, 0, 0, &plan) == 0, "plan %d/%d", r, ranks);
    unsigned lo = want_cores_total * (unsigned)r / (unsigned)ranks;
    unsigned hi = want_cores_total * (unsigned)(r + 1) / (unsigned)ranks;
    CHECK(plan.nthreads == hi - lo, "%d ranks: rank %d has %u threads, want %u", ranks, r,
          plan.nthreads, hi - lo);
    CHECK(!plan.oversubscribed, "%d ranks: rank %d oversubscribed", ranks, r);
    for (unsigned t = 0; t < plan.nthreads; t++) {
      int c = plan.unit[t];
      CHECK(c >= 0 && c < 64 && owner[c] == -1, "%d ranks: core %d given twice (rank %d)", ranks,
            c, r);
      if (c >= 0 && c < 64)
        owner[c] = r;
    }
  }
  unsigned covered = 0;
  for (int c = 0; c < 64; c++)
    covered += owner[c] != -1;
  CHECK(covered == want_cores_total, "%d ranks cover %u cores, want %u", ranks, covered,
        want_cores_total);
}

int main(void)
{
  CHECK(hwloc_topology_init(&topo) == 0, "init");
  CHECK(hwloc_topology_set_synthetic(topo, "pack:2 core:16 pu:2") == 0, "synthetic");
  CHECK(hwloc_topology_load(topo) == 0, "load");
  CHECK(hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE) == 32, "32 cores");
  hwloc_const_cpuset_t all = hwloc_topology_get_topology_cpuset(topo);

  /* Ranks sharing the whole node: 1, 2, 3, 4, 32 of them. */
  check_split(all, 1, 32);
  check_split(all, 2, 32);
  check_split(all, 3, 32);
  check_split(all, 4, 32);
  check_split(all, 32, 32);

  /* One package per rank (mpirun --bind-to package with 2 ranks): no sharing, 16 cores each,
   * and the threads stay inside the package. */
  for (unsigned p = 0; p < 2; p++) {
    hwloc_obj_t pack = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PACKAGE, p);
    placement_plan plan;
    CHECK(placement_plan_make(topo, pack->cpuset, 1, 0, 0, 0, &plan) == 0, "package plan");
    CHECK(plan.nthreads == 16, "package %u: %u threads", p, plan.nthreads);
    for (unsigned t = 0; t < plan.nthreads; t++) {
      hwloc_obj_t core = hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, (unsigned)plan.unit[t]);
      CHECK(hwloc_bitmap_isincluded(core->cpuset, pack->cpuset), "package %u thread %u outside",
            p, t);
      CHECK(plan.unit[t] == (int)(16 * p + t), "package %u thread %u on core %d", p, t,
            plan.unit[t]);
    }
  }

  /* More ranks than cores: one core each, round-robin, flagged oversubscribed. */
  placement_plan plan;
  CHECK(placement_plan_make(topo, all, 64, 33, 0, 0, &plan) == 0, "64 ranks");
  CHECK(plan.nthreads == 1 && plan.unit[0] == 1 && plan.oversubscribed, "rank 33 of 64: core %d",
        plan.unit[0]);

  /* More threads than the share: wrap around, flagged. */
  CHECK(placement_plan_make(topo, all, 2, 1, 20, 0, &plan) == 0, "20 threads");
  CHECK(plan.nthreads == 20 && plan.share_units == 16 && plan.oversubscribed, "20 threads plan");
  CHECK(plan.unit[0] == 16 && plan.unit[15] == 31 && plan.unit[16] == 16, "wrap: %d %d %d",
        plan.unit[0], plan.unit[15], plan.unit[16]);

  /* A cpuset of one PU (the second hyperthread of core 5) still names core 5. */
  hwloc_obj_t pu = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PU, 11);
  CHECK(placement_plan_make(topo, pu->cpuset, 1, 0, 0, 0, &plan) == 0, "one PU");
  CHECK(plan.nthreads == 1 && plan.unit[0] == 5, "one PU: core %d", plan.unit[0]);

  /* SMT: one thread per core by default, so a whole node of 32 cores x 2 PUs runs 32, one on
   * each core; per_pu (--smt) runs 64, one on each PU, and a rank given one core (both its
   * PUs: srun --hint=multithread -c 2) runs two there. */
  CHECK(placement_plan_make(topo, all, 1, 0, 0, 0, &plan) == 0 && plan.nthreads == 32 &&
          !plan.per_pu, "SMT node per core: %u threads", plan.nthreads);
  CHECK(placement_plan_make(topo, all, 1, 0, 0, 1, &plan) == 0 && plan.nthreads == 64 &&
          plan.per_pu && plan.unit[63] == 63 && !plan.oversubscribed,
        "SMT node per PU: %u threads", plan.nthreads);
  CHECK(placement_plan_make(topo, all, 2, 1, 0, 1, &plan) == 0 && plan.nthreads == 32 &&
          plan.unit[0] == 32, "2 ranks per PU: %u threads from PU %d", plan.nthreads,
        plan.unit[0]);
  hwloc_obj_t core7 = hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, 7);
  CHECK(placement_plan_make(topo, core7->cpuset, 1, 0, 0, 0, &plan) == 0 && plan.nthreads == 1 &&
          plan.unit[0] == 7, "one core per core: %u threads", plan.nthreads);
  CHECK(placement_plan_make(topo, core7->cpuset, 1, 0, 0, 1, &plan) == 0 && plan.nthreads == 2 &&
          plan.unit[0] == 14 && plan.unit[1] == 15, "one core per PU: %u threads on %d, %d",
        plan.nthreads, plan.unit[0], plan.unit[1]);
  /* Two threads asked of one core without --smt share it: flagged. */
  CHECK(placement_plan_make(topo, core7->cpuset, 1, 0, 2, 0, &plan) == 0 && plan.oversubscribed,
        "2 threads on one core not flagged");

  /* Bad input is refused rather than guessed. */
  hwloc_bitmap_t empty = hwloc_bitmap_alloc();
  CHECK(placement_plan_make(topo, empty, 1, 0, 0, 0, &plan) == -1, "empty set accepted");
  CHECK(placement_plan_make(topo, all, 2, 2, 0, 0, &plan) == -1, "index out of group accepted");
  CHECK(placement_plan_make(topo, all, 1, 0, PLACEMENT_MAX_THREADS + 1, 0, &plan) == -1,
        "too many threads accepted");
  hwloc_bitmap_free(empty);

  /* Grouping: ranks 0 and 2 share a set, rank 1 has its own. */
  const char sets[3][16] = { "0-31", "32-63", "0-31" };
  int size, index;
  placement_group(&sets[0][0], sizeof sets[0], 3, 2, &size, &index);
  CHECK(size == 2 && index == 1, "group of rank 2: size %d index %d", size, index);
  placement_group(&sets[0][0], sizeof sets[0], 3, 1, &size, &index);
  CHECK(size == 1 && index == 0, "group of rank 1: size %d index %d", size, index);

  hwloc_topology_destroy(topo);
  return test_summary("test_placement");
}
