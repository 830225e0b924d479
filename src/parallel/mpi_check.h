/* mpi_check.h - every MPI call's return code checked in one place: MPI_CHECK(call) reports the
 * file, line, call and MPI's own message when the call fails, and evaluates to 0 or
 * STATUS_MPI. It never returns from the caller: a failed call goes to the caller's clean-up
 * like any other error (rc = MPI_CHECK(...); if (rc != 0) goto out;). Only main decides to
 * abort. Needs MPI_ERRORS_RETURN on the communicators (runtime_init sets it). */
#ifndef SRC_PARALLEL_MPI_CHECK_H
#define SRC_PARALLEL_MPI_CHECK_H

#include <mpi.h>
#include <stdio.h>

#include "status.h"

static inline int mpi_check(int rc, const char *file, int line, const char *call)
{
  char msg[MPI_MAX_ERROR_STRING];
  int len = 0;
  if (rc == MPI_SUCCESS)
    return 0;
  MPI_Error_string(rc, msg, &len);
  fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, call, msg);
  return STATUS_MPI;
}

#define MPI_CHECK(call) mpi_check((call), __FILE__, __LINE__, #call)

#endif
