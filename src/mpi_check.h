/* mpi_check.h - every MPI call's return code checked in one place: MPI_TRY reports the file,
 * line, call and MPI's own message, then returns -1 from the calling function. Only main
 * decides to abort. Needs MPI_ERRORS_RETURN on the communicators (runtime_init sets it). */
#ifndef SRC_MPI_CHECK_H
#define SRC_MPI_CHECK_H

#include <mpi.h>
#include <stdio.h>

static inline void mpi_report(int rc, const char *file, int line, const char *call)
{
  char msg[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(rc, msg, &len);
  fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, call, msg);
}

#define MPI_TRY(call) \
  do { \
    int mpi_rc_ = (call); \
    if (mpi_rc_ != MPI_SUCCESS) { \
      mpi_report(mpi_rc_, __FILE__, __LINE__, #call); \
      return -1; \
    } \
  } while (0)

#endif
