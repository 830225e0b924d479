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
#include "status.h"

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

typedef void put_fn(void *sink, const char *p, size_t n);

/* The one RFC 4180 quoter: s (NULL is empty) through put, in quotes with quotes doubled when
 * it holds a comma, a quote or a line break, else as it is. */
static void quote(const char *s, put_fn *put, void *sink)
{
  s = s ? s : "";
  if (strpbrk(s, ",\"\r\n") == NULL) {
    put(sink, s, strlen(s));
    return;
  }
  put(sink, "\"", 1);
  for (;;) {
    const char *q = strchr(s, '"');
    if (!q)
      break;
    put(sink, s, (size_t)(q + 1 - s)); /* up to and with the quote, then its double */
    put(sink, "\"", 1);
    s = q + 1;
  }
  put(sink, s, strlen(s));
  put(sink, "\"", 1);
}

static void put_line(void *sink, const char *p, size_t n)
{
  csv_line *b = sink;
  if (b->overflow || b->len + n >= b->n) {
    b->overflow = 1;
    return;
  }
  memcpy(b->p + b->len, p, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void put_stream(void *sink, const char *p, size_t n)
{
  fwrite(p, 1, n, sink);
}

void csv_text(csv_line *b, const char *s, int last)
{
  quote(s, put_line, b);
  put_line(b, last ? "\n" : ",", 1);
}

void csv_field(FILE *out, const char *s)
{
  quote(s, put_stream, out);
}

/* The first line of the regular file open at fd (size bytes) is header. */
static int first_line_is(int fd, off_t size, const char *header)
{
  size_t n = strlen(header);
  char buf[1024];
  if (n + 1 > sizeof buf)
    return 1; /* no header here is that long: not checked */
  if (size < (off_t)(n + 1))
    return 0; /* too short to hold it */
  ssize_t got = pread(fd, buf, n + 1, 0);
  return got == (ssize_t)(n + 1) && memcmp(buf, header, n) == 0 && buf[n] == '\n';
}

int csv_header_matches(const char *path, const char *header)
{
  struct stat st;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return 1;
  int ok = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
           first_line_is(fd, st.st_size, header);
  close(fd);
  return ok;
}

int csv_append(const char *path, const char *header, const char *line, size_t len)
{
  struct stat st;
  int rc = 0, e;
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return STATUS_SYSTEM;
  int locked;
  do /* a SIGINT or SIGTERM while waiting for the lock must not cost the row */
    locked = flock(fd, LOCK_EX);
  while (locked != 0 && errno == EINTR);
  if (locked != 0 || fstat(fd, &st) != 0) {
    rc = STATUS_SYSTEM;
    goto out;
  }
  /* The first line again, under the lock (another program may have written the file since
   * the options were checked), through a descriptor of its own for reading, so that the
   * one for writing stays write-only (a FIFO opened so waits for its reader). */
  if (st.st_size > 0 && !csv_header_matches(path, header)) {
    rc = STATUS_USAGE;
    goto out;
  }
  if (st.st_size == 0) { /* header and its newline in one write: never a header cut short */
    size_t n = strlen(header);
    char head[1024];
    if (n + 1 <= sizeof head) {
      memcpy(head, header, n);
      head[n] = '\n';
      rc = fileio_write_all(fd, head, n + 1);
    } else {
      rc = fileio_write_all(fd, header, n);
      if (rc == 0)
        rc = fileio_write_all(fd, "\n", 1);
    }
    if (rc)
      goto out;
  }
  rc = fileio_write_all(fd, line, len);
out:
  e = errno;
  if (close(fd) != 0 && rc == 0)
    e = errno, rc = STATUS_SYSTEM;
  errno = e; /* the cause, not close's */
  return rc;
}
