/* collective.h - the MPI operations the programs use over MPI_COMM_WORLD, through the runtime
 * so that they also work when the run has no MPI. A process no launcher started runs as rank 0
 * of 1 without initialising MPI (runtime.h: Open MPI alone costs a third of a second to
 * start); each operation is then what MPI does for one rank: a copy, or nothing. */
#ifndef SRC_PARALLEL_COLLECTIVE_H
#define SRC_PARALLEL_COLLECTIVE_H

#include <mpi.h>

#include "runtime.h"

/* The types and operations that pass: MPI_CHAR, MPI_BYTE, MPI_INT, MPI_UNSIGNED, MPI_DOUBLE,
 * MPI_UINT64_T, MPI_UNSIGNED_LONG_LONG, and MPI_2INT for MPI_MAXLOC / MPI_MINLOC. Each returns
 * 0 or STATUS_MPI (reported on stderr). */

/* MPI_Allreduce; in may be MPI_IN_PLACE. */
int collective_allreduce(const runtime *rt, const void *in, void *out, int count,
                         MPI_Datatype type, MPI_Op op);

/* MPI_Reduce to rank 0 (out is written on rank 0 only). */
int collective_reduce(const runtime *rt, const void *in, void *out, int count, MPI_Datatype type,
                      MPI_Op op);

/* MPI_Bcast from rank 0. */
int collective_bcast(const runtime *rt, void *buf, int count, MPI_Datatype type);

/* MPI_Barrier. */
int collective_barrier(const runtime *rt);

#endif
