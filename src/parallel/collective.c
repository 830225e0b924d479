/* collective.c - MPI's collectives over MPI_COMM_WORLD, or their one-rank meaning when the run
 * has no MPI (collective.h). */
#include "collective.h"

#include <stdio.h>
#include <string.h>

#include "mpi_check.h"

/* The bytes of one element, for the one-rank copy; 0 for a type not listed in the header. */
static size_t type_size(MPI_Datatype type)
{
  if (type == MPI_CHAR || type == MPI_BYTE)
    return 1;
  if (type == MPI_INT || type == MPI_UNSIGNED)
    return sizeof(int);
  if (type == MPI_DOUBLE)
    return sizeof(double);
  if (type == MPI_UINT64_T || type == MPI_UNSIGNED_LONG_LONG)
    return sizeof(unsigned long long);
  if (type == MPI_2INT)
    return 2 * sizeof(int);
  return 0;
}

/* What a reduction over one rank leaves in out: in itself. */
static int copy_one_rank(const void *in, void *out, int count, MPI_Datatype type)
{
  size_t size = type_size(type);
  if (size == 0 || count < 0) {
    fprintf(stderr, "collective: internal error: a type with no one-rank meaning\n");
    return STATUS_MPI;
  }
  if (in != MPI_IN_PLACE && count > 0)
    memmove(out, in, (size_t)count * size);
  return 0;
}

int collective_allreduce(const runtime *rt, const void *in, void *out, int count,
                         MPI_Datatype type, MPI_Op op)
{
  if (!rt->mpi)
    return copy_one_rank(in, out, count, type);
  return MPI_CHECK(MPI_Allreduce(in, out, count, type, op, MPI_COMM_WORLD));
}

int collective_reduce(const runtime *rt, const void *in, void *out, int count, MPI_Datatype type,
                      MPI_Op op)
{
  if (!rt->mpi)
    return copy_one_rank(in, out, count, type);
  return MPI_CHECK(MPI_Reduce(in, out, count, type, op, 0, MPI_COMM_WORLD));
}

int collective_bcast(const runtime *rt, void *buf, int count, MPI_Datatype type)
{
  if (!rt->mpi)
    return 0;
  return MPI_CHECK(MPI_Bcast(buf, count, type, 0, MPI_COMM_WORLD));
}

int collective_barrier(const runtime *rt)
{
  if (!rt->mpi)
    return 0;
  return MPI_CHECK(MPI_Barrier(MPI_COMM_WORLD));
}
