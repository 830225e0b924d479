/* runtime.h - what every program does around its work: MPI start-up and shut-down, the
 * node-local communicator, placement of ranks and threads on cores (placement.h) with the
 * map printed on -v, broadcasting rank 0's options, and summing resource use on rank 0. */
#ifndef SRC_RUNTIME_H
#define SRC_RUNTIME_H

#include <hwloc.h>
#include <mpi.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "clock.h"
#include "placement.h"
#include "results.h"

typedef struct runtime {
  int rank, size;             /* in MPI_COMM_WORLD */
  int local_rank, local_size; /* among the ranks of this node */
  int group_index, group_size; /* among the local ranks given the same cpuset */
  MPI_Comm node;
  hwloc_topology_t topo;
  hwloc_cpuset_t rank_set;    /* the cpuset the launcher gave this rank */
  char rank_set_text[1024];
  int bind;                   /* threads are bound (run_options.bind) */
  placement_plan plan;
  char host[256];
  int nodes;                  /* distinct nodes in the job */
  char run_id[64];            /* rank 0's, shared: joins rows to the run sidecar */
  char command[4096];         /* the command line as given, for the run sidecar */
  char recorded[4096];        /* rank 0: the CSV whose sidecar already has this run */
  char tag[64];               /* run_options.tag, from runtime_place */
  int stopped;                /* rank 0: some rank had a SIGINT / SIGTERM (stop.h) by the last
                               * runtime_sum_usage */
} runtime;

/* MPI_Init_thread (funneled: only the master thread calls MPI), the node communicator and the
 * run id. Returns 0; -2 after a message when the launcher started N processes but MPI sees each
 * alone (srun without a working PMI: N separate "rank 0 of 1" runs); -1 on other failures. */
int runtime_init(int *argc, char ***argv, runtime *rt);

/* Collective: reads this rank's cpuset, groups the node's ranks by cpuset, plans the threads
 * and binds them (unless o->bind is 0). With o->verbose rank 0 prints every rank's map.
 * Returns 0, or -1 with a message on stderr. */
int runtime_place(runtime *rt, const run_options *o);

/* Takes the options every program shares that shape its results rows (--tag); runtime_place
 * calls it, programs that place no threads (fetch, linkcheck) call it themselves. */
void runtime_use_options(runtime *rt, const run_options *o);

/* Collective: runtime_place on every rank; returns 0 only when every rank succeeded, so that
 * none starts work alone, else -1. */
int runtime_place_all(runtime *rt, const run_options *o);

/* Who works on a run: every rank with its planned threads, or (all == 0) rank 0 alone on
 * one thread, the serial baseline the tools compare against. */
typedef struct runtime_team {
  int ranks, threads;
} runtime_team;

runtime_team runtime_team_of(const runtime *rt, int all);

/* How many of the items rank, rank + ranks, rank + 2 ranks, ... lie below n: a rank's share
 * of n items dealt round-robin (0 for a rank outside the team). */
uint64_t runtime_share(uint64_t n, int rank, int ranks);

/* Binds the calling OpenMP thread to its planned core; call at the top of each parallel
 * region (OpenMP does not promise the same OS thread for a thread number across regions). */
void runtime_bind_self(const runtime *rt);

/* Broadcasts n bytes from rank 0. Returns 0 or -1. */
int runtime_bcast(const runtime *rt, void *buf, size_t n);

/* A program's option parser: fills opts from argv; returns CLI_RUN, CLI_DONE or CLI_USAGE with
 * a one-line message in err. */
typedef int runtime_parse_fn(int argc, char **argv, void *opts, char *err, size_t errlen);

/* Collective: rank 0 alone parses the command line (printing "PROG: message (see PROG --help)"
 * on a usage error) and every rank receives the outcome and the size bytes of opts. Returns
 * CLI_RUN, CLI_DONE or CLI_USAGE (also when the broadcast failed). */
int runtime_parse_shared(const runtime *rt, const char *prog, runtime_parse_fn *parse, int argc,
                         char **argv, void *opts, size_t size);

/* Collective: whether any rank has had a SIGINT / SIGTERM (stop.h), so that every rank
 * leaves a loop of collective steps at the same step. Returns 1, 0, or -1 when MPI failed. */
int runtime_any_stop(const runtime *rt);

/* Sums u over all ranks into *total on rank 0, and learns whether any rank has been asked to
 * stop (rt->stopped). Returns 0 or -1. */
int runtime_sum_usage(runtime *rt, const clock_usage *u, clock_usage *total);

/* Rank 0: appends row to the results CSV at path (nothing when path is ""), with this run's
 * id, " tag=TAG" after its params when --tag was given, and partial = 1 when a signal reached
 * some rank first (row->partial, rt->stopped, or rank 0's own flag); the run's line goes to
 * the sidecar PATH.runs the first time. Returns 0, or 3 after "PROG: cannot append to PATH:
 * why" on stderr. */
int runtime_write_row(runtime *rt, const char *prog, const char *path, results_row *row);

/* Collective: sums every rank's resource use into row's cpu_user_s, cpu_sys_s and max_rss_kb,
 * then runtime_write_row on rank 0. Returns 0; 3 when the row could not be written; -1 when
 * MPI failed. */
int runtime_append_row(runtime *rt, const char *prog, const char *path, results_row *row);

/* Collective: rank 0 prints every rank's text to stderr, in rank order. Returns 0 or -1. */
int runtime_print_ranks(const runtime *rt, const char *text);

/* The sizes in bytes of this machine's first L1 data cache and L2 cache, as hwloc reports
 * them (0 when unknown). */
void runtime_cache_sizes(const runtime *rt, size_t *l1d, size_t *l2);

/* Frees hwloc and the communicator, then MPI_Finalize. */
void runtime_finalize(runtime *rt);

/* The end of every main: a negative status (the ranks can no longer agree) aborts the whole
 * job with status 3 rather than let it hang; otherwise a rank that had a SIGINT / SIGTERM
 * takes 128 + the signal, every rank takes the worst status any rank saw (so that mpirun
 * reports it), flushes stdout and finalizes. Returns that status. */
int runtime_exit(runtime *rt, const char *prog, int status);

/* What a program does once its options are parsed and shared: returns its exit status (< 0:
 * the ranks can no longer agree). */
typedef int runtime_run_fn(runtime *rt, void *opts, int argc, char **argv);

/* The whole of every main: runtime_init, runtime_parse_shared (--help and --version exit 0,
 * usage errors 2), run, runtime_exit. Returns the exit status. */
int runtime_main(int argc, char **argv, const char *prog, runtime_parse_fn *parse, void *opts,
                 size_t size, runtime_run_fn *run);

#endif
