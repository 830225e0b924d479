/* status.c - codes to exit statuses (status.h). */
#include "status.h"

#include <errno.h>

int status_exit(int code)
{
  switch (code) {
  case STATUS_OK:
  case STATUS_DONE:
    return EXIT_OK;
  case STATUS_FAILED:
    return EXIT_FOUND_FAILURE;
  case STATUS_USAGE:
    return EXIT_USAGE;
  default:
    return EXIT_SYSTEM;
  }
}

int status_errno(int e)
{
  errno = e;
  return STATUS_SYSTEM;
}

int status_worst(int a, int b)
{
  /* The codes are ordered by seriousness: the lower, the worse (STATUS_DONE never meets
   * another code). */
  return a < b ? a : b;
}
