/* robots.c - the line parser (groups of user-agent lines, then rules) and the matcher. */
#define _POSIX_C_SOURCE 200809L
#include "robots.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buffer.h"
#include "status.h"

/* One line's field and value, trimmed, the comment dropped. */
static void split_line(const char *line, size_t n, char *field, char *value, size_t cap)
{
  size_t end = n;
  for (size_t k = 0; k < n; k++)
    if (line[k] == '#') {
      end = k;
      break;
    }
  const char *colon = memchr(line, ':', end);
  field[0] = value[0] = '\0';
  if (!colon)
    return;
  const char *f = line, *fe = colon, *v = colon + 1, *ve = line + end;
  while (f < fe && (*f == ' ' || *f == '\t'))
    f++;
  while (fe > f && (fe[-1] == ' ' || fe[-1] == '\t'))
    fe--;
  while (v < ve && (*v == ' ' || *v == '\t'))
    v++;
  while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t' || ve[-1] == '\r'))
    ve--;
  if ((size_t)(fe - f) < cap && (size_t)(ve - v) < cap) {
    memcpy(field, f, (size_t)(fe - f));
    field[fe - f] = '\0';
    memcpy(value, v, (size_t)(ve - v));
    value[ve - v] = '\0';
  }
}

static int add_rule(robots *r, const char *pattern, int allow)
{
  if (buffer_grow(&r->rules, &r->cap, r->n + 1, sizeof *r->rules) != 0)
    return STATUS_SYSTEM;
  r->rules[r->n].pattern = strdup(pattern);
  r->rules[r->n].allow = allow;
  return r->rules[r->n++].pattern ? 0 : STATUS_SYSTEM;
}

/* Two passes: the rules of the groups naming agent; where none does, those of '*'. */
static int parse_pass(robots *r, const char *text, size_t len, const char *agent, int star)
{
  char field[1024], value[1024];
  int in_group = 0, matches = 0, found = 0;
  for (size_t at = 0; at < len;) {
    const char *line = text + at, *nl = memchr(line, '\n', len - at);
    size_t n = nl ? (size_t)(nl - line) : len - at;
    at += n + 1;
    split_line(line, n, field, value, sizeof value);
    if (strcasecmp(field, "user-agent") == 0) {
      if (!in_group) /* a rule ended the previous group: a new one starts */
        matches = 0;
      in_group = 1;
      int m = star ? strcmp(value, "*") == 0 : strcasecmp(value, agent) == 0;
      matches |= m;
      found |= m;
    } else if (strcasecmp(field, "allow") == 0 || strcasecmp(field, "disallow") == 0) {
      in_group = 0;
      if (matches && value[0] && add_rule(r, value, strcasecmp(field, "allow") == 0) != 0)
        return -1;
    }
  }
  return found;
}

int robots_parse(robots *r, const char *text, size_t len, const char *agent)
{
  memset(r, 0, sizeof *r);
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark */
    text += 3;
    len -= 3;
  }
  int found = parse_pass(r, text, len, agent, 0);
  if (found == 0)
    found = parse_pass(r, text, len, agent, 1);
  return found < 0 ? STATUS_SYSTEM : 0;
}

/* The pattern matches the start of path: '*' any run of bytes, '$' at the end anchors it.
 * Returns the pattern's length (its specificity) or -1. */
static long match(const char *pat, const char *path)
{
  const char *p = pat, *s = path, *star_p = NULL, *star_s = NULL;
  for (;;) {
    if (*p == '$' && p[1] == '\0') {
      if (*s == '\0')
        return (long)strlen(pat);
    } else if (*p == '\0') {
      return (long)strlen(pat);
    } else if (*p == '*') {
      star_p = ++p;
      star_s = s;
      continue;
    } else if (*s && *p == *s) {
      p++;
      s++;
      continue;
    }
    if (!star_p || !*star_s)
      return -1;
    p = star_p; /* backtrack: the last '*' takes one more byte */
    s = ++star_s;
  }
}

int robots_allowed(const robots *r, const char *path)
{
  long best = -1;
  int allow = 1;
  for (size_t k = 0; k < r->n; k++) {
    long m = match(r->rules[k].pattern, path);
    if (m > best || (m == best && m >= 0 && r->rules[k].allow)) {
      best = m;
      allow = r->rules[k].allow;
    }
  }
  return allow;
}

void robots_free(robots *r)
{
  for (size_t k = 0; k < r->n; k++)
    free(r->rules[k].pattern);
  free(r->rules);
  memset(r, 0, sizeof *r);
}
