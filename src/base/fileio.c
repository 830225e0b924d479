/* fileio.c - whole writes and whole-file replacement (fileio.h). */
#define _POSIX_C_SOURCE 200809L
#include "fileio.h"

#include <errno.h>
#include <unistd.h>

#include "status.h"

int fileio_write_all(int fd, const void *p, size_t n)
{
  const char *c = p;
  while (n > 0) {
    ssize_t k = write(fd, c, n);
    if (k < 0) {
      if (errno == EINTR)
        continue;
      return STATUS_SYSTEM;
    }
    c += k;
    n -= (size_t)k;
  }
  return 0;
}

int fileio_replace(const char *path, fileio_fill_fn *fill, void *ctx)
{
  char tmp[4200];
  int n = snprintf(tmp, sizeof tmp, "%s.tmp", path);
  if (n < 0 || (size_t)n >= sizeof tmp)
    return status_errno(ENAMETOOLONG);
  FILE *f = fopen(tmp, "w");
  if (!f)
    return STATUS_SYSTEM;
  int rc = fill(f, ctx), e = 0;
  if (rc != 0)
    e = errno;
  /* fsync before rename: after a crash the name points at the old file or the new one,
   * never at a file whose blocks never reached the disk. */
  if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0))
    rc = status_errno(e = errno);
  if (fclose(f) != 0 && rc == 0)
    rc = status_errno(e = errno);
  if (rc == 0 && rename(tmp, path) != 0)
    rc = status_errno(e = errno);
  if (rc != 0) {
    unlink(tmp);
    errno = e; /* the cause, not unlink's */
  }
  return rc;
}
