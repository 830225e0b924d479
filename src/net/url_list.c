/* url_list.c - reading and packing URL lists. */
#define _POSIX_C_SOURCE 200809L
#include "url_list.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "status.h"

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

int url_list_index(url_list *l)
{
  free(l->urls);
  l->urls = malloc((l->n ? l->n : 1) * sizeof *l->urls);
  if (!l->urls)
    return STATUS_SYSTEM;
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
