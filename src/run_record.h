/* run_record.h - what makes a results row reproducible and does not fit in it: one line per run
 * in the sidecar PATH.runs next to the results CSV PATH, joined to its rows by run_id. The line
 * holds the command line, the layout (ranks, nodes, threads, binding), cores and cache sizes,
 * the OMP_* and SLURM_* variables, the MPI, hwloc, libcurl and OpenSSL versions and the
 * source's `git describe`. results/README.md documents the columns. */
#ifndef SRC_RUN_RECORD_H
#define SRC_RUN_RECORD_H

#include <stddef.h>

struct runtime;

/* The sidecar's header line, without the newline. */
extern const char run_record_header[];

/* Writes a run id unique to this process's run ("20261121T101500Z-host-1234") into buf. */
void run_record_make_id(char *buf, size_t n);

/* Writes the command line into buf: arguments holding a space or a quote in single quotes. */
void run_record_command(char *buf, size_t n, int argc, char **argv);

/* Appends the run's line to csv_path + ".runs" (header first when the file is new), after
 * runtime_place. Returns 0, or -errno. */
int run_record_append(const char *csv_path, const struct runtime *rt);

#endif
