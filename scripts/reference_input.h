/* reference_input.h - what the two bare libcurl loops the benchmarks measure against
 * (fetch_reference.c, linkcheck_reference.c) take in the same way: their count arguments and
 * the URLs on stdin. Static functions in a header of their own, so that each stays one file
 * built with one cc line and neither holds a copy. */
#ifndef SCRIPTS_REFERENCE_INPUT_H
#define SCRIPTS_REFERENCE_INPUT_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* Parses s as a whole number in [1, max] into *v; returns 0 or -1. */
static int parse_count(const char *s, unsigned long max, unsigned long *v)
{
  char *end;
  errno = 0;
  *v = strtoul(s, &end, 10);
  return errno || end == s || *end || *v < 1 || *v > max ? -1 : 0;
}

/* Reads stdin's non-empty lines into *urls; returns their count or -1 (out of memory). */
static long read_urls(char ***urls)
{
  char *line = NULL, **list = NULL;
  size_t cap = 0, len = 0, have = 0;
  for (;;) {
    ssize_t got = getline(&line, &cap, stdin);
    if (got < 0)
      break;
    while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
      line[--got] = '\0';
    if (got == 0)
      continue;
    if (len == have) {
      have = have ? 2 * have : 1024;
      char **grown = realloc(list, have * sizeof *list);
      if (!grown)
        goto fail;
      list = grown;
    }
    list[len] = strdup(line);
    if (!list[len])
      goto fail;
    len++;
  }
  free(line);
  *urls = list;
  return (long)len;
fail:
  for (size_t k = 0; k < len; k++)
    free(list[k]);
  free(list);
  free(line);
  return -1;
}

#endif
