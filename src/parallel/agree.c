/* agree.c - one MPI_Allreduce of the ranks' outcomes (agree.h). */
#include "agree.h"

#include "collective.h"

int agree(const runtime *rt, int rc)
{
  /* The codes are ordered by seriousness, the worst lowest: the minimum is the worst. */
  int worst = rc;
  int mpi = collective_allreduce(rt, &rc, &worst, 1, MPI_INT, MPI_MIN);
  return mpi != 0 ? mpi : worst;
}

int agree_then_start(const runtime *rt, int rc)
{
  rc = agree(rt, rc);
  return rc != 0 ? rc : collective_barrier(rt);
}
