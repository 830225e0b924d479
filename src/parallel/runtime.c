/* runtime.c - MPI + OpenMP + hwloc set-up shared by every program. */
#define _POSIX_C_SOURCE 200809L
#include "runtime.h"

#include <errno.h>
#include <limits.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agree.h"
#include "mpi_check.h"
#include "run_record.h"
#include "stop.h"

/* Whether a launcher that wires processes together started this one: mpirun, or srun with a
 * PMI plugin (--mpi=pmix, pmi2). */
static int launched_with_pmi(void)
{
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

/* The processes the launcher started: mpirun's -np, or the task count srun gave this step; 0
 * outside either. */
static long launcher_tasks(void)
{
  /* mpirun inside an allocation knows better: its -np, not the allocation's task count. */
  const char *np = getenv("OMPI_COMM_WORLD_SIZE");
  if (np && *np)
    return strtol(np, NULL, 10);
  const char *env = getenv("SLURM_STEP_NUM_TASKS");
  if (!env || !*env)
    env = getenv("SLURM_NTASKS");
  return env ? strtol(env, NULL, 10) : 0;
}

/* Says why N processes from the launcher would each run alone; STATUS_USAGE for
 * runtime_init. */
static int refuse_lone_task(const char *argv0)
{
  const char *slash = strrchr(argv0, '/');
  fprintf(stderr, "%s: Slurm gave this job %ld tasks but MPI sees one process (no PMI): "
          "launch with srun --mpi=pmix or mpirun, or ask for one task (srun -n 1)\n",
          slash ? slash + 1 : argv0, launcher_tasks());
  return STATUS_USAGE;
}

int runtime_init(int *argc, char ***argv, runtime *rt)
{
  int provided = 0, leader, rc;
  memset(rt, 0, sizeof *rt);
  rt->node = MPI_COMM_NULL;
  /* Before MPI_Init: srun --mpi=none makes Open MPI abort with a page of text, and a program
   * started without srun in a batch script would run alone while N tasks were paid for. */
  if (launcher_tasks() > 1 && !launched_with_pmi())
    return refuse_lone_task((*argv)[0]);
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    fprintf(stderr, "MPI_Init_thread failed\n");
    return STATUS_SYSTEM;
  }
  rt->initialized = 1;
  /* After MPI_Init, so that ours are the handlers that stay. */
  stop_install();
  rc = MPI_CHECK(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN));
  if (rc != 0)
    goto out;
  if (provided < MPI_THREAD_FUNNELED) {
    fprintf(stderr, "the MPI library does not support threads (MPI_THREAD_FUNNELED)\n");
    rc = STATUS_SYSTEM;
    goto out;
  }
  rc = MPI_CHECK(MPI_Comm_rank(MPI_COMM_WORLD, &rt->rank));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Comm_size(MPI_COMM_WORLD, &rt->size));
  if (rc != 0)
    goto out;
  /* And after: an MPI that found no launcher runs each of the N tasks as "rank 0 of 1". */
  if (rt->size == 1 && launcher_tasks() > 1) {
    rc = refuse_lone_task((*argv)[0]);
    goto out;
  }
  rc = MPI_CHECK(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rt->rank,
                                     MPI_INFO_NULL, &rt->node));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Comm_set_errhandler(rt->node, MPI_ERRORS_RETURN));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Comm_rank(rt->node, &rt->local_rank));
  if (rc == 0)
    rc = MPI_CHECK(MPI_Comm_size(rt->node, &rt->local_size));
  if (rc != 0)
    goto out;
  if (gethostname(rt->host, sizeof rt->host) != 0)
    snprintf(rt->host, sizeof rt->host, "unknown");
  rt->host[sizeof rt->host - 1] = '\0';
  leader = rt->local_rank == 0;
  rc = MPI_CHECK(MPI_Allreduce(&leader, &rt->nodes, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD));
out:
  return rc;
}

/* OMP_NUM_THREADS when the user set it, else 0 (one thread per core of the share). */
static unsigned threads_from_environment(void)
{
  const char *env = getenv("OMP_NUM_THREADS");
  if (!env || !*env)
    return 0;
  int n = omp_get_max_threads();
  return n > 0 && n <= PLACEMENT_MAX_THREADS ? (unsigned)n : 0;
}

/* Each step that can fail on one rank is agreed on by all before the next collective, so
 * that no rank waits in one that another skipped; the last (the -v map) agrees in
 * runtime_gather. Every rank returns the same code. */
int runtime_place_all(runtime *rt, const run_options *o)
{
  int rc = 0;
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
  rc = agree(MPI_COMM_WORLD, rc);
  if (rc != 0)
    goto out;
  /* Read before any thread is bound, so this is the launcher's cpuset, not ours. */
  if (hwloc_get_cpubind(rt->topo, rt->rank_set, HWLOC_CPUBIND_PROCESS) != 0 ||
      hwloc_bitmap_iszero(rt->rank_set))
    hwloc_bitmap_copy(rt->rank_set, hwloc_topology_get_allowed_cpuset(rt->topo));
  hwloc_bitmap_list_snprintf(rt->rank_set_text, stride, rt->rank_set);
  rc = MPI_CHECK(MPI_Allgather(rt->rank_set_text, (int)stride, MPI_CHAR, sets, (int)stride,
                               MPI_CHAR, rt->node));
  if (rc != 0)
    goto out;
  placement_group(sets, stride, rt->local_size, rt->local_rank, &rt->group_size,
                  &rt->group_index);

  unsigned threads = o->threads ? o->threads : threads_from_environment();
  if (placement_plan_make(rt->topo, rt->rank_set, rt->group_size, rt->group_index, threads,
                          &rt->plan) != 0) {
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
  rc = agree(MPI_COMM_WORLD, rc);
  if (rc != 0)
    goto out;
  rt->bind = o->bind;
  if (rt->rank == 0 && rt->plan.nthreads > rt->plan.share_cores)
    fprintf(stderr,
            "warning: rank 0 runs %u threads on %u core%s of cpuset %s; ask the launcher for "
            "more cores per rank (mpirun --map-by slot:PE=N, srun -c N)\n",
            rt->plan.nthreads, rt->plan.share_cores, rt->plan.share_cores == 1 ? "" : "s",
            rt->rank_set_text);

  unsigned n = rt->plan.nthreads;
  snprintf(map, line,
           "map: host=%s rank=%d/%d local=%d/%d cpuset=%s shared_by=%d share_cores=%u "
           "threads=%u bind=%s%s\n",
           rt->host, rt->rank, rt->size, rt->local_rank, rt->local_size, rt->rank_set_text,
           rt->group_size, rt->plan.share_cores, n, rt->bind ? "core" : "none",
           rt->plan.oversubscribed ? " OVERSUBSCRIBED" : "");
  int bind_failed = 0;
#pragma omp parallel num_threads((int)n) reduction(+ : bind_failed)
  {
    int t = omp_get_thread_num();
    char where[320];
    if (rt->bind && placement_bind_thread(rt->topo, rt->rank_set, rt->plan.core[t]) != 0)
      bind_failed++;
    placement_describe_thread(rt->topo, where, sizeof where);
    snprintf(map + (size_t)(t + 1) * line, line, "map: host=%s rank=%d thread=%d %s\n", rt->host,
             rt->rank, t, where);
  }
  if (bind_failed)
    fprintf(stderr, "rank %d: warning: %d threads could not be bound\n", rt->rank, bind_failed);

  if (o->verbose) {
    size_t len = 0;
    for (unsigned t = 0; t <= n; t++) {
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
    placement_bind_thread(rt->topo, rt->rank_set, rt->plan.core[t]);
}

int runtime_bcast(const runtime *rt, void *buf, size_t n)
{
  (void)rt;
  return MPI_CHECK(MPI_Bcast(buf, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD));
}

int runtime_any_stop(const runtime *rt)
{
  int mine = stop_requested(), any = 0;
  (void)rt;
  int rc = MPI_CHECK(MPI_Allreduce(&mine, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD));
  return rc != 0 ? rc : any;
}

int runtime_gather(const runtime *rt, const void *mine, int len, char **all, int *total)
{
  int *lens = NULL, *offs = NULL, rc = len < 0 ? STATUS_SYSTEM : 0;
  long long sum = 0;
  *all = NULL;
  *total = 0;
  if (rt->rank == 0) {
    lens = calloc((size_t)rt->size, sizeof *lens);
    offs = calloc((size_t)rt->size, sizeof *offs);
    if (!lens || !offs)
      rc = STATUS_SYSTEM;
  }
  /* Rank 0's buffers exist, and every rank has something to send, before the gathers. */
  rc = agree(MPI_COMM_WORLD, rc);
  if (rc == 0)
    rc = MPI_CHECK(MPI_Gather(&len, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    for (int r = 0; r < rt->size && rc == 0; r++) {
      offs[r] = (int)sum;
      sum += lens[r];
      if (sum > INT_MAX)
        rc = STATUS_SYSTEM;
    }
    *all = rc == 0 ? malloc((size_t)sum + 1) : NULL;
    if (!*all)
      rc = STATUS_SYSTEM;
  }
  rc = agree(MPI_COMM_WORLD, rc);
  if (rc == 0)
    rc = MPI_CHECK(MPI_Gatherv(mine, len, MPI_CHAR, *all, lens, offs, MPI_CHAR, 0,
                               MPI_COMM_WORLD));
  if (rc == 0 && rt->rank == 0) {
    (*all)[sum] = '\0';
    *total = (int)sum;
  }
out:
  free(lens);
  free(offs);
  if (rc != 0) {
    free(*all);
    *all = NULL;
  }
  return rc;
}

int runtime_print_ranks(const runtime *rt, const char *text)
{
  char *all = NULL;
  int total = 0;
  int rc = runtime_gather(rt, text, (int)strlen(text), &all, &total);
  if (rc == 0 && rt->rank == 0) {
    fputs(all, stderr);
    fflush(stderr);
  }
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "out of memory gathering the ranks' text\n");
  free(all);
  return rc;
}

void runtime_finalize(runtime *rt)
{
  if (rt->rank_set)
    hwloc_bitmap_free(rt->rank_set);
  if (rt->topo)
    hwloc_topology_destroy(rt->topo);
  if (rt->node != MPI_COMM_NULL)
    MPI_Comm_free(&rt->node);
  if (rt->initialized)
    MPI_Finalize();
}

void runtime_cache_sizes(const runtime *rt, size_t *l1d, size_t *l2)
{
  hwloc_obj_t c1 = hwloc_get_obj_by_type(rt->topo, HWLOC_OBJ_L1CACHE, 0);
  hwloc_obj_t c2 = hwloc_get_obj_by_type(rt->topo, HWLOC_OBJ_L2CACHE, 0);
  *l1d = c1 && c1->attr ? (size_t)c1->attr->cache.size : 0;
  *l2 = c2 && c2->attr ? (size_t)c2->attr->cache.size : 0;
}

int runtime_exit(runtime *rt, const char *prog, int code)
{
  if (code == STATUS_MPI) {
    fprintf(stderr, "%s: rank %d: MPI failed; stopping every rank\n", prog, rt->rank);
    MPI_Abort(MPI_COMM_WORLD, EXIT_SYSTEM);
  }
  int status = status_exit(code);
  /* A run a signal cut short says so, whatever else it found: 128 + the signal. */
  if (stop_requested())
    status = stop_exit_status();
  int worst = status;
  if (MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) == MPI_SUCCESS)
    status = worst;
  fflush(stdout);
  runtime_finalize(rt);
  return status;
}

int runtime_parse_shared(const runtime *rt, const cli_program *p, int argc, char **argv,
                         void *opts)
{
  int code = 0;
  char err[300] = "";
  if (rt->rank == 0) {
    code = cli_parse(p, argc, argv, opts, err, sizeof err);
    if (code == STATUS_USAGE)
      fprintf(stderr, "%s: %s (see %s --help)\n", p->name, err, p->name);
  }
  int rc = runtime_bcast(rt, &code, sizeof code);
  if (rc == 0)
    rc = runtime_bcast(rt, opts, p->size);
  return rc != 0 ? rc : code;
}

runtime_team runtime_team_of(const runtime *rt, int all)
{
  runtime_team t = { all ? rt->size : 1, all ? (int)rt->plan.nthreads : 1 };
  return t;
}

uint64_t runtime_share(uint64_t n, int rank, int ranks)
{
  if (rank >= ranks || n <= (uint64_t)rank)
    return 0;
  return (n - 1 - (uint64_t)rank) / (uint64_t)ranks + 1;
}

int runtime_main(int argc, char **argv, const cli_program *p, void *opts, runtime_run_fn *run)
{
  runtime rt;
  run_record rec;
  int code = runtime_init(&argc, &argv, &rt);
  if (code == STATUS_MPI) /* after MPI_Init: the other ranks may wait for this one */
    return runtime_exit(&rt, p->name, code);
  if (code != 0) {
    runtime_finalize(&rt);
    return status_exit(code);
  }
  /* Before the parse: getopt permutes argv. */
  code = run_record_begin(&rec, &rt, argc, argv);
  if (code == 0)
    code = runtime_parse_shared(&rt, p, argc, argv, opts);
  if (code == 0) {
    run_record_use_options(&rec, (const run_options *)((const char *)opts + p->run_offset));
    code = run(&rt, &rec, opts, argc, argv);
  }
  return runtime_exit(&rt, p->name, code);
}
