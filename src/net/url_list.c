/* url_list.c - reading, packing and broadcasting URL lists. */
#define _POSIX_C_SOURCE 200809L
#include "url_list.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buffer.h"
#include "collective.h"

int url_list_add(url_list *l, const char *s, size_t n)
{
  if (buffer_grow(&l->text, &l->cap, l->len + n + 1, 1) != 0)
    return STATUS_SYSTEM;
  memcpy(l->text + l->len, s, n);
  l->text[l->len + n] = '\0';
  l->len += n + 1;
  l->n++;
  return 0;
}

int url_list_read(url_list *l, const char *path, char *err, size_t errlen)
{
  int from_stdin = strcmp(path, "-") == 0;
  FILE *f = from_stdin ? stdin : fopen(path, "r");
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  int rc = STATUS_USAGE;
  if (!f) {
    snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
    return STATUS_USAGE;
  }
  for (;;) {
    errno = 0;
    ssize_t got = getline(&line, &cap, f);
    if (got < 0)
      break;
    lineno++;
    if (memchr(line, '\0', (size_t)got)) {
      snprintf(err, errlen, "%s line %zu holds a NUL byte: not a text file of URLs", path,
               lineno);
      goto out;
    }
    size_t a = 0, b = (size_t)got;
    while (a < b && strchr(" \t\r\n", line[a]))
      a++;
    while (b > a && strchr(" \t\r\n", line[b - 1]))
      b--;
    if (a == b || line[a] == '#')
      continue;
    if (url_list_add(l, line + a, b - a) != 0) {
      snprintf(err, errlen, "out of memory reading %s", path);
      rc = STATUS_SYSTEM;
      goto out;
    }
  }
  if (ferror(f)) {
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno ? errno : EIO));
    goto out;
  }
  rc = 0;
out:
  free(line);
  if (!from_stdin)
    fclose(f);
  return rc;
}

int url_list_share(const runtime *rt, url_list *l)
{
  unsigned long long sizes[2] = { l->len, l->n };
  int rc = collective_bcast(rt, sizes, 2, MPI_UNSIGNED_LONG_LONG);
  if (rc != 0)
    return rc;
  if (rt->rank != 0) {
    free(l->text);
    l->len = l->cap = (size_t)sizes[0];
    l->n = (size_t)sizes[1];
    l->text = malloc(l->len ? l->len : 1);
    rc = l->text ? 0 : STATUS_SYSTEM;
  }
  free(l->urls);
  l->urls = malloc((l->n ? l->n : 1) * sizeof *l->urls);
  if (!l->urls)
    rc = STATUS_SYSTEM;
  if (rc != 0)
    fprintf(stderr, "rank %d: out of memory for %zu URLs\n", rt->rank, l->n);
  rc = agree(rt, rc);
  for (size_t done = 0; rc == 0 && done < l->len;) { /* in pieces MPI's int count can hold */
    int part = l->len - done > (1u << 30) ? 1 << 30 : (int)(l->len - done);
    rc = collective_bcast(rt, l->text + done, part, MPI_CHAR);
    done += (size_t)part;
  }
  if (rc != 0)
    return rc;
  const char *p = l->text;
  for (size_t i = 0; i < l->n; i++) {
    l->urls[i] = p;
    p += strlen(p) + 1;
  }
  return 0;
}

void url_list_free(url_list *l)
{
  free(l->text);
  free(l->urls);
  memset(l, 0, sizeof *l);
}
