/* runtime.h - what every program does around its work: MPI start-up and shut-down (none at
 * all when no MPI launcher started the process: it runs as rank 0 of 1, and collective.h does
 * what MPI would for one rank), the node-local communicator, placement of ranks and threads
 * on cores (placement.h, runtime_place.c) with the map printed on -v, broadcasting rank 0's
 * options, and the exit status. */
#ifndef SRC_RUNTIME_H
#define SRC_RUNTIME_H

#include <hwloc.h>
#include <mpi.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "placement.h"
#include "status.h"

typedef struct runtime {
  int rank, size;             /* in MPI_COMM_WORLD */
  int local_rank, local_size; /* among the ranks of this node */
  int group_index, group_size; /* among the local ranks given the same cpuset */
  MPI_Comm node;
  hwloc_topology_t topo;
  hwloc_cpuset_t rank_set;    /* the cpuset the launcher gave this rank (launch_cpuset.h) */
  char rank_set_text[1024];
  int bind;                   /* threads are bound (run_options.bind) */
  placement_plan plan;
  char host[256];
  int nodes;                  /* distinct nodes in the job */
  int mpi;                    /* MPI was initialised (a launcher started the process):
                               * runtime_finalize finalizes; 0: rank 0 of 1 without MPI */
} runtime;

/* Starts the runtime. Under an MPI launcher (mpirun, srun --mpi=pmix|pmi2: the variables
 * they set) MPI_Init_thread (funneled: only the master thread calls MPI), the node
 * communicator and the node count; otherwise no MPI at all: rank 0 of 1 on one node (Open MPI
 * started alone spawns a daemon and probes its transports, a third of a second). Returns 0;
 * STATUS_USAGE after a message when the launcher started N processes but MPI would see each
 * alone (srun without a working PMI: N separate "rank 0 of 1" runs); STATUS_SYSTEM or
 * STATUS_MPI on other failures. runtime_finalize undoes it either way. */
int runtime_init(int *argc, char ***argv, runtime *rt);

/* Collective: takes this rank's cpuset as the launcher gave it (before OpenMP bound anything:
 * launch_cpuset.h), groups the node's ranks by cpuset, plans the threads (one per core of the
 * rank's share, or per hardware thread with o->smt) and binds them unless o->bind is 0, over
 * any binding OMP_PROC_BIND / OMP_PLACES made. When any core of the job (hardware thread with
 * smt) carries more than one thread, rank 0 prints one warning; with o->verbose it prints
 * every rank's map. Returns 0 only when every rank succeeded, so that none starts work alone;
 * else the worst code of any rank (each said why on stderr). */
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

/* Collective: broadcasts n bytes from rank 0. Returns 0 or STATUS_MPI. */
int runtime_bcast(const runtime *rt, void *buf, size_t n);

/* Collective: whether any rank has had a SIGINT / SIGTERM (stop.h), so that every rank
 * leaves a loop of collective steps at the same step. Returns 1, 0, or STATUS_MPI. */
int runtime_any_stop(const runtime *rt);

/* Collective: every rank's len bytes at mine, concatenated in rank order, into a buffer
 * malloc'd on rank 0 (*all, *total bytes, a NUL after them; the caller frees it); NULL on
 * the other ranks. A rank with nothing valid to send passes len < 0. Returns 0; on every
 * rank STATUS_SYSTEM when some rank passed len < 0, rank 0 ran out of memory or the total
 * passes INT_MAX (MPI's counts); STATUS_MPI. */
int runtime_gather(const runtime *rt, const void *mine, int len, char **all, int *total);

/* Collective: rank 0 prints every rank's text to stderr, in rank order. Returns 0,
 * STATUS_SYSTEM (rank 0 out of memory; every rank returns it) or STATUS_MPI. */
int runtime_print_ranks(const runtime *rt, const char *text);

/* The sizes in bytes of this machine's first L1 data cache and L2 cache, as hwloc reports
 * them (0 when unknown). */
void runtime_cache_sizes(const runtime *rt, size_t *l1d, size_t *l2);

/* Frees hwloc and the communicator, then MPI_Finalize (when runtime_init got that far). */
void runtime_finalize(runtime *rt);

/* The end of every main, where a code becomes the exit status (status.h): STATUS_MPI (the
 * ranks can no longer agree) aborts the whole job with EXIT_SYSTEM rather than let it hang;
 * otherwise a rank that had a SIGINT / SIGTERM takes 128 + the signal, every rank takes the
 * worst status any rank saw (so that mpirun reports it), flushes stdout and finalizes.
 * Returns that status. */
int runtime_exit(runtime *rt, const char *prog, int code);

typedef struct run_record run_record; /* run_record.h */

/* What a program does once its options are parsed and shared, with the record its results
 * rows go through: returns 0 or a status code. */
typedef int runtime_run_fn(runtime *rt, run_record *rec, void *opts, int argc, char **argv);

/* The whole of every main: the run record begun, the command line parsed on every process
 * before anything starts (--help and --version exit 0, usage errors 2, without MPI; only the
 * launcher's rank 0 prints), runtime_init, rank 0's options broadcast, run, runtime_exit.
 * Returns the exit status. */
int runtime_main(int argc, char **argv, const cli_program *p, void *opts, runtime_run_fn *run);

#endif
