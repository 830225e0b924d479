/* results.c - writes results rows: RFC 4180 quoting, one write() per line under flock, on an
 * O_APPEND descriptor, so rows from many processes never interleave or tear. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* flock */
#include "results.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sysinfo.h"

const char results_header[] =
  "schema,tool,variant,ranks,threads,params,items,seconds,rate,unit,result,host,cpu,"
  "timestamp,version,cpu_user_s,cpu_sys_s,max_rss_kb";

typedef struct line_buf {
  char *p;
  size_t n, len;
  int overflow;
} line_buf;

static void put(line_buf *b, const char *fmt, ...)
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

/* A text field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
static void put_text(line_buf *b, const char *s, int last)
{
  s = s ? s : "";
  if (strpbrk(s, ",\"\r\n") == NULL) {
    put(b, "%s%s", s, last ? "\n" : ",");
    return;
  }
  put(b, "\"");
  for (; *s; s++)
    put(b, *s == '"' ? "\"\"" : "%c", *s);
  put(b, "\"%s", last ? "\n" : ",");
}

int results_format(char *buf, size_t n, const results_row *row)
{
  char host[256], cpu[256], stamp[64];
  line_buf b = { buf, n, 0, 0 };
  sysinfo_host(host, sizeof host);
  sysinfo_cpu_model(cpu, sizeof cpu);
  sysinfo_timestamp(stamp, sizeof stamp);
  double rate = row->seconds > 0 ? (double)row->items / row->seconds : 0.0;

  put(&b, "%d,", RESULTS_SCHEMA);
  put_text(&b, row->tool, 0);
  put_text(&b, row->variant, 0);
  put(&b, "%d,%d,", row->ranks, row->threads);
  put_text(&b, row->params, 0);
  put(&b, "%llu,%.6f,%.3f,", (unsigned long long)row->items, row->seconds, rate);
  put_text(&b, row->unit, 0);
  put_text(&b, row->result, 0);
  put_text(&b, host, 0);
  put_text(&b, cpu, 0);
  put_text(&b, stamp, 0);
  put_text(&b, sysinfo_version(), 0);
  put(&b, "%.3f,%.3f,%.0f\n", row->cpu_user_s, row->cpu_sys_s, row->max_rss_kb);
  return b.overflow ? -1 : (int)b.len;
}

static int write_all(int fd, const char *p, size_t n)
{
  while (n > 0) {
    ssize_t k = write(fd, p, n);
    if (k < 0) {
      if (errno == EINTR)
        continue;
      return -errno;
    }
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

int results_append(const char *path, const results_row *row)
{
  char line[8192];
  struct stat st;
  int rc = 0;
  int len = results_format(line, sizeof line, row);
  if (len < 0)
    return -EOVERFLOW;
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return -errno;
  if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
    rc = -errno;
    goto out;
  }
  if (st.st_size == 0) {
    char head[sizeof results_header + 1];
    snprintf(head, sizeof head, "%s\n", results_header);
    rc = write_all(fd, head, strlen(head));
    if (rc)
      goto out;
  }
  rc = write_all(fd, line, (size_t)len);
out:
  if (close(fd) != 0 && rc == 0)
    rc = -errno;
  return rc;
}
