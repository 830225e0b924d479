/* prime_tables.c - building the sieve tables on every rank, collectively. */
#include "prime_tables.h"

#include <stdio.h>

int prime_tables_init(const runtime *rt, const char *prog, sieve_tables *t)
{
  int failed = sieve_tables_init(t) != 0, any = 1;
  if (MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD) != MPI_SUCCESS)
    return -1;
  if (!any)
    return 0;
  if (!failed)
    sieve_tables_free(t);
  if (rt->rank == 0)
    fprintf(stderr, "%s: out of memory\n", prog);
  return 1;
}
