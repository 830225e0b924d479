/* runtime.c - MPI start-up and shut-down, the exit status, and the whole of every main. A
 * process that no MPI launcher started runs as rank 0 of 1 without initialising MPI. */
#define _POSIX_C_SOURCE 200809L
#include "runtime.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agree.h"
#include "collective.h"
#include "mpi_check.h"
#include "run_record.h"
#include "stop.h"

/* Whether a launcher that wires processes together started this one: Open MPI's mpirun, a
 * PMIx launcher (srun --mpi=pmix, prterun) or a PMI one (srun --mpi=pmi2, MPICH's Hydra). */
static int launched_with_pmi(void)
{
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK") ||
         getenv("PMI_SIZE");
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

/* This process's rank as the launcher numbered it, before MPI knows: 0 outside a launcher. */
static long launcher_rank(void)
{
  static const char *const names[] = { "OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK",
                                       "SLURM_PROCID", NULL };
  for (int i = 0; names[i]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v)
      return strtol(v, NULL, 10);
  }
  return 0;
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

/* The run without MPI: rank 0 of 1, alone on its node. */
static void init_one_rank(runtime *rt)
{
  rt->size = rt->local_size = rt->nodes = 1;
  stop_install();
}

/* MPI_Init_thread and what the runtime keeps from it. Returns 0 or a status code. */
static int init_mpi(int *argc, char ***argv, runtime *rt)
{
  int provided = 0, leader, rc;
  if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    fprintf(stderr, "MPI_Init_thread failed\n");
    return STATUS_SYSTEM;
  }
  rt->mpi = 1;
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
  leader = rt->local_rank == 0;
  rc = MPI_CHECK(MPI_Allreduce(&leader, &rt->nodes, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD));
out:
  return rc;
}

int runtime_init(int *argc, char ***argv, runtime *rt)
{
  memset(rt, 0, sizeof *rt);
  rt->node = MPI_COMM_NULL;
  if (gethostname(rt->host, sizeof rt->host) != 0)
    snprintf(rt->host, sizeof rt->host, "unknown");
  rt->host[sizeof rt->host - 1] = '\0';
  if (launched_with_pmi())
    return init_mpi(argc, argv, rt);
  /* Without PMI: srun --mpi=none would make Open MPI abort with a page of text, and a program
   * started without srun in a batch script would run alone while N tasks were paid for. */
  if (launcher_tasks() > 1)
    return refuse_lone_task((*argv)[0]);
  init_one_rank(rt);
  return 0;
}

int runtime_bcast(const runtime *rt, void *buf, size_t n)
{
  return collective_bcast(rt, buf, (int)n, MPI_BYTE);
}

int runtime_any_stop(const runtime *rt)
{
  int mine = stop_requested(), any = 0;
  int rc = collective_allreduce(rt, &mine, &any, 1, MPI_INT, MPI_MAX);
  return rc != 0 ? rc : any;
}

/* runtime_gather for a run of one rank: its own bytes. */
static int gather_one_rank(const void *mine, int len, char **all, int *total)
{
  *all = len >= 0 ? malloc((size_t)len + 1) : NULL;
  if (!*all)
    return STATUS_SYSTEM;
  memcpy(*all, mine, (size_t)len);
  (*all)[len] = '\0';
  *total = len;
  return 0;
}

int runtime_gather(const runtime *rt, const void *mine, int len, char **all, int *total)
{
  int *lens = NULL, *offs = NULL, rc = len < 0 ? STATUS_SYSTEM : 0;
  long long sum = 0;
  *all = NULL;
  *total = 0;
  if (!rt->mpi)
    return gather_one_rank(mine, len, all, total);
  if (rt->rank == 0) {
    lens = calloc((size_t)rt->size, sizeof *lens);
    offs = calloc((size_t)rt->size, sizeof *offs);
    if (!lens || !offs)
      rc = STATUS_SYSTEM;
  }
  /* Rank 0's buffers exist, and every rank has something to send, before the gathers. */
  rc = agree(rt, rc);
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
  rc = agree(rt, rc);
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
  if (rt->mpi)
    MPI_Finalize();
}

int runtime_exit(runtime *rt, const char *prog, int code)
{
  if (code == STATUS_MPI && rt->mpi) {
    fprintf(stderr, "%s: rank %d: MPI failed; stopping every rank\n", prog, rt->rank);
    MPI_Abort(MPI_COMM_WORLD, EXIT_SYSTEM);
  }
  int status = status_exit(code);
  /* A run a signal cut short says so, whatever else it found: 128 + the signal. */
  if (stop_requested())
    status = stop_exit_status();
  int worst = status;
  if (rt->mpi &&
      MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) == MPI_SUCCESS)
    status = worst;
  fflush(stdout);
  runtime_finalize(rt);
  return status;
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
  char err[300] = "";
  int speaks = launcher_rank() == 0;
  /* Before the parse: getopt permutes argv. */
  run_record_begin(&rec, argc, argv);
  /* Every process parses its command line (the same on every rank) before MPI starts, so that
   * --help, --version and usage errors cost no MPI start-up and no rank waits for one that
   * left; only the launcher's rank 0 prints. Rank 0's options are then broadcast: a parse may
   * draw a random seed. */
  int code = cli_parse(p, argc, argv, opts, speaks ? stdout : NULL, err, sizeof err);
  if (code == STATUS_USAGE && speaks)
    fprintf(stderr, "%s: %s (see %s --help)\n", p->name, err, p->name);
  if (code != 0)
    return status_exit(code);
  code = runtime_init(&argc, &argv, &rt);
  if (code == STATUS_MPI) /* after MPI_Init: the other ranks may wait for this one */
    return runtime_exit(&rt, p->name, code);
  if (code != 0) {
    runtime_finalize(&rt);
    return status_exit(code);
  }
  code = run_record_share(&rec, &rt);
  if (code == 0)
    code = runtime_bcast(&rt, opts, p->size);
  if (code == 0) {
    run_record_use_options(&rec, (const run_options *)((const char *)opts + p->run_offset));
    code = run(&rt, &rec, opts, argc, argv);
  }
  return runtime_exit(&rt, p->name, code);
}
