/* run_record.h - the run a results row belongs to, apart from the runtime's MPI and hwloc
 * state: its id, command line and --tag; the rows written through it; and what makes a row
 * reproducible and does not fit in it: one line per run in the sidecar PATH.runs next to
 * the results CSV PATH, joined to its rows by run_id. The line holds the command line, the
 * layout (ranks, nodes, threads, binding), cores and cache sizes, the OMP_* and SLURM_*
 * variables, the MPI, hwloc, libcurl and OpenSSL versions and the source's `git describe`.
 * results/README.md documents the columns. */
#ifndef SRC_PARALLEL_RUN_RECORD_H
#define SRC_PARALLEL_RUN_RECORD_H

#include <stddef.h>

#include "cli.h"
#include "clock.h"
#include "results.h"
#include "runtime.h"

struct run_record {
  char id[128];        /* rank 0's, the same on every rank: joins rows to the sidecar */
  char command[4096];  /* the command line as given */
  char tag[64];        /* --tag NAME: " tag=NAME" after each row's params; "" for none */
  char recorded[4096]; /* rank 0: the CSV whose sidecar already has this run's line */
  int stopped;         /* rank 0: a SIGINT / SIGTERM (stop.h) reached some rank by the last
                        * run_record_sum_usage */
};

/* The sidecar's header line, without the newline. */
extern const char run_record_header[];

/* Before the options are parsed (getopt permutes argv): the command line. */
void run_record_begin(run_record *rec, int argc, char **argv);

/* Collective, once the runtime has started: a run id unique to this run
 * ("20261121T101500Z-host-1234") made on rank 0 and broadcast. Returns 0 or STATUS_MPI. */
int run_record_share(run_record *rec, const runtime *rt);

/* Takes the shared options that shape the rows (--tag). */
void run_record_use_options(run_record *rec, const run_options *o);

/* Collective: this process's resource use summed over the ranks into *total on rank 0, and
 * whether a signal has reached any rank (rec->stopped). Returns 0 or STATUS_MPI. */
int run_record_sum_usage(run_record *rec, const runtime *rt, clock_usage *total);

/* Rank 0 (nothing elsewhere, or when path is ""): appends row to the results CSV at path, with
 * this run's id, " tag=TAG" after its params when --tag was given, and partial = 1 when a
 * signal reached some rank first (row->partial, rec->stopped, or rank 0's own flag); the
 * run's line goes to the sidecar PATH.runs the first time. Returns 0, or STATUS_SYSTEM after
 * "PROG: cannot append to PATH: why" on stderr. */
int run_record_write_row(run_record *rec, const runtime *rt, const char *prog, const char *path,
                         results_row *row);

/* Collective: run_record_sum_usage into row's cpu_user_s, cpu_sys_s and max_rss_kb, then
 * run_record_write_row on rank 0. Returns 0, STATUS_SYSTEM (rank 0: the row could not be
 * written) or STATUS_MPI. */
int run_record_append_row(run_record *rec, const runtime *rt, const char *prog,
                          const char *path, results_row *row);

#endif
