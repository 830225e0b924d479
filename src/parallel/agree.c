/* agree.c - one MPI_Allreduce of the ranks' outcomes (agree.h). */
#include "agree.h"

#include "mpi_check.h"

int agree(MPI_Comm comm, int rc)
{
  /* The codes are ordered by seriousness, the worst lowest: the minimum is the worst. */
  int worst = rc;
  int mpi = MPI_CHECK(MPI_Allreduce(&rc, &worst, 1, MPI_INT, MPI_MIN, comm));
  return mpi != 0 ? mpi : worst;
}

int agree_then_start(MPI_Comm comm, int rc)
{
  rc = agree(comm, rc);
  return rc != 0 ? rc : MPI_CHECK(MPI_Barrier(comm));
}
