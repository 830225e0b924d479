/* csv.c - RFC 4180 quoting, and one write() per line under flock on an O_APPEND descriptor,
 * so that rows from many processes (ranks, array jobs, sweeps) never interleave or tear. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

csv_line csv_line_in(char *buf, size_t n)
{
  csv_line b = { buf, n, 0, 0 };
  if (n > 0)
    buf[0] = '\0';
  return b;
}

void csv_raw(csv_line *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(b->p + b->len, b->len < b->n ? b->n - b->len : 0, fmt, ap);
  va_end(ap);
  if (k < 0 || b->len + (size_t)k >= b->n)
    b->overflow = 1;
  else
    b->len += (size_t)k;
}

void csv_text(csv_line *b, const char *s, int last)
{
  s = s ? s : "";
  if (strpbrk(s, ",\"\r\n") == NULL) {
    csv_raw(b, "%s%s", s, last ? "\n" : ",");
    return;
  }
  csv_raw(b, "\"");
  for (; *s; s++)
    csv_raw(b, *s == '"' ? "\"\"" : "%c", *s);
  csv_raw(b, "\"%s", last ? "\n" : ",");
}

int csv_append(const char *path, const char *header, const char *line, size_t len)
{
  struct stat st;
  int rc = 0;
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return -errno;
  int locked;
  do /* a SIGINT or SIGTERM while waiting for the lock must not cost the row */
    locked = flock(fd, LOCK_EX);
  while (locked != 0 && errno == EINTR);
  if (locked != 0 || fstat(fd, &st) != 0) {
    rc = -errno;
    goto out;
  }
  if (st.st_size == 0) {
    rc = fileio_write_all(fd, header, strlen(header));
    if (rc == 0)
      rc = fileio_write_all(fd, "\n", 1);
    if (rc)
      goto out;
  }
  rc = fileio_write_all(fd, line, len);
out:
  if (close(fd) != 0 && rc == 0)
    rc = -errno;
  return rc;
}
