/* link_journal.c - linkcheck's --resume state (link_journal.h). A line is
 *   L <tab> status <tab> redirects <tab> attempts <tab> error <tab> retry_after <tab> seconds
 *     <tab> url <tab> final_url <tab> message
 * after a first line "linkcheck-resume 1"; in the three text fields a backslash, tab, line
 * feed or carriage return is written \\, \t, \n, \r, so every record is one line. */
#define _POSIX_C_SOURCE 200809L
#include "link_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "fileio.h"
#include "numparse.h"
#include "status.h"

static const char header[] = "linkcheck-resume 1\n";
enum { FIELDS = 10 };

/* Appends s, escaped, to buf[*len..cap); returns -1 when it does not fit. */
static int put_text(char *buf, size_t cap, size_t *len, const char *s)
{
  for (; s && *s; s++) {
    const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
                    : *s == '\r' ? "\\r" : NULL;
    size_t k = esc ? 2 : 1;
    if (*len + k >= cap)
      return -1;
    memcpy(buf + *len, esc ? esc : s, k);
    *len += k;
  }
  return 0;
}

/* Undoes put_text in place. Returns 0, or -1 on an unknown escape. */
static int unescape(char *s)
{
  char *w = s;
  for (const char *r = s; *r; r++) {
    if (*r != '\\') {
      *w++ = *r;
      continue;
    }
    r++;
    if (*r == '\\')
      *w++ = '\\';
    else if (*r == 't')
      *w++ = '\t';
    else if (*r == 'n')
      *w++ = '\n';
    else if (*r == 'r')
      *w++ = '\r';
    else
      return -1;
  }
  *w = '\0';
  return 0;
}

static int add(link_journal *j, const char *url, const fetch_result *r)
{
  size_t at = strmap_get(&j->index, url);
  link_saved *e;
  if (at != (size_t)-1) { /* a link checked again replaces its earlier line */
    e = &j->v[at];
    fetch_result_free(&e->r);
  } else {
    if (buffer_grow(&j->v, &j->cap, j->n + 1, sizeof *j->v) != 0)
      return STATUS_SYSTEM;
    e = &j->v[j->n];
    e->url = strdup(url);
    if (!e->url || strmap_put(&j->index, url, j->n) == (size_t)-1) {
      free(e->url);
      return STATUS_SYSTEM;
    }
    j->n++;
  }
  memset(&e->r, 0, sizeof e->r);
  e->r.status = r->status;
  e->r.redirects = r->redirects;
  e->r.attempts = r->attempts;
  e->r.error = r->error;
  e->r.retry_after = r->retry_after;
  e->r.seconds = r->seconds;
  snprintf(e->r.message, sizeof e->r.message, "%s", r->message);
  if (r->final_url) {
    e->r.final_url = strdup(r->final_url);
    if (!e->r.final_url)
      return STATUS_SYSTEM;
  }
  return 0;
}

/* Splits line (its newline removed) into FIELDS tab-separated fields. Returns 0 or -1. */
static int split(char *line, char **f)
{
  for (int k = 0; k < FIELDS; k++) {
    f[k] = line;
    char *tab = strchr(line, '\t');
    if ((tab == NULL) != (k == FIELDS - 1))
      return -1;
    if (tab) {
      *tab = '\0';
      line = tab + 1;
    }
  }
  return 0;
}

static int take(const char *s, uint64_t max, uint64_t *v)
{
  return s[0] && strspn(s, "0123456789") == strlen(s) && numparse_u64(s, v) == 0 && *v <= max
           ? 0 : -1;
}

/* One record line (newline removed). Returns 0 or -1. */
static int read_record(link_journal *j, char *line)
{
  char *f[FIELDS];
  uint64_t status, redirects, attempts, error, retry_after;
  double seconds;
  if (split(line, f) != 0 || strcmp(f[0], "L") != 0 || take(f[1], 999, &status) != 0 ||
      take(f[2], 1000000, &redirects) != 0 || take(f[3], 1000000, &attempts) != 0 ||
      take(f[4], FETCH_ERROR_COUNT - 1, &error) != 0 || take(f[5], 1u << 30, &retry_after) != 0 ||
      numparse_double(f[6], &seconds) != 0 || !(seconds >= 0 && seconds < 1e9) ||
      unescape(f[7]) != 0 || unescape(f[8]) != 0 || unescape(f[9]) != 0 || !f[7][0])
    return -1;
  fetch_result r;
  memset(&r, 0, sizeof r);
  r.status = (long)status;
  r.redirects = (long)redirects;
  r.attempts = (unsigned)attempts;
  r.error = (int)error;
  r.retry_after = (int)retry_after;
  r.seconds = seconds;
  r.final_url = f[8][0] ? f[8] : NULL;
  snprintf(r.message, sizeof r.message, "%s", f[9]);
  return add(j, f[7], &r);
}

static void journal_init(link_journal *j)
{
  memset(j, 0, sizeof *j);
  strmap_init(&j->index);
  j->fd = -1;
}

int link_journal_read(FILE *in, link_journal *j, char *err, size_t errlen)
{
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t len;
  int rc = 0;
  journal_init(j);
  while (rc == 0 && (len = getline(&line, &cap, in)) > 0) {
    lineno++;
    if (line[len - 1] != '\n')
      break; /* torn by a kill while being appended: that check is simply not recorded */
    line[len - 1] = '\0';
    if (lineno == 1 ? strncmp(line, header, sizeof header - 2) != 0 || line[sizeof header - 2]
                    : read_record(j, line) != 0) {
      snprintf(err, errlen, "line %zu: not a linkcheck state line", lineno);
      rc = STATUS_USAGE;
    }
  }
  free(line);
  if (rc == 0 && ferror(in)) {
    snprintf(err, errlen, "%s", strerror(errno));
    rc = STATUS_USAGE;
  }
  return rc;
}

/* The record of e as one line in buf. Returns its length, or -1 when it does not fit. */
static int format_record(char *buf, size_t cap, const char *url, const fetch_result *r)
{
  int n = snprintf(buf, cap, "L\t%ld\t%ld\t%u\t%d\t%d\t%.6f\t", r->status, r->redirects,
                   r->attempts, r->error, r->retry_after, r->seconds);
  if (n < 0 || (size_t)n >= cap)
    return -1;
  size_t len = (size_t)n;
  if (put_text(buf, cap, &len, url) != 0 || len + 1 >= cap)
    return -1;
  buf[len++] = '\t';
  if (put_text(buf, cap, &len, r->final_url) != 0 || len + 1 >= cap)
    return -1;
  buf[len++] = '\t';
  if (put_text(buf, cap, &len, r->message) != 0 || len + 1 >= cap)
    return -1;
  buf[len++] = '\n';
  return (int)len;
}

enum { RECORD_MAX = 3 * 8192 + 512 };

/* Every record, for fileio_replace. */
static int write_records(FILE *f, void *ctx)
{
  const link_journal *j = ctx;
  char *buf = malloc(RECORD_MAX);
  int rc = buf ? 0 : status_errno(ENOMEM);
  if (rc == 0 && fputs(header, f) == EOF)
    rc = status_errno(EIO);
  for (size_t i = 0; rc == 0 && i < j->n; i++) {
    int len = format_record(buf, RECORD_MAX, j->v[i].url, &j->v[i].r);
    if (len < 0)
      rc = status_errno(EOVERFLOW);
    else if (fwrite(buf, 1, (size_t)len, f) != (size_t)len)
      rc = status_errno(EIO);
  }
  free(buf);
  return rc;
}

int link_journal_open(link_journal *j, const char *path, char *err, size_t errlen)
{
  FILE *in = fopen(path, "r");
  if (!in && errno != ENOENT) {
    snprintf(err, errlen, "%s", strerror(errno));
    journal_init(j);
    return STATUS_USAGE;
  }
  if (in) {
    int rc = link_journal_read(in, j, err, errlen);
    fclose(in);
    if (rc != 0)
      return rc;
  } else {
    journal_init(j);
  }
  int rc = fileio_replace(path, write_records, j);
  if (rc == 0) {
    j->fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
    rc = j->fd < 0 ? STATUS_SYSTEM : 0;
  }
  if (rc != 0) {
    snprintf(err, errlen, "cannot write it: %s", strerror(errno));
    return STATUS_USAGE; /* the file the command line named cannot serve */
  }
  return 0;
}

const fetch_result *link_journal_find(const link_journal *j, const char *url)
{
  size_t at = strmap_get(&j->index, url);
  return at == (size_t)-1 ? NULL : &j->v[at].r;
}

int link_journal_append(link_journal *j, const char *url, const fetch_result *r)
{
  char buf[RECORD_MAX];
  int len = format_record(buf, sizeof buf, url, r);
  if (len < 0)
    return status_errno(EOVERFLOW);
  /* One write: a whole line or, killed, a torn one that the next read drops. */
  int rc = fileio_write_all(j->fd, buf, (size_t)len);
  if (rc == 0 && add(j, url, r) != 0)
    rc = status_errno(ENOMEM);
  return rc;
}

void link_journal_close(link_journal *j)
{
  if (j->fd >= 0)
    close(j->fd);
  for (size_t i = 0; i < j->n; i++) {
    free(j->v[i].url);
    fetch_result_free(&j->v[i].r);
  }
  free(j->v);
  strmap_free(&j->index);
  journal_init(j);
}
