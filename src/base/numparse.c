/* numparse.c - a small recursive-descent parser for integer expressions, with every
 * multiplication and addition checked for overflow (no strtoull: it accepts "-1"). */
#define _POSIX_C_SOURCE 200809L
#include "numparse.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* Reads the digits at *p into *out; 0, -1 (no digit), -2 (overflow). */
static int read_digits(const char **p, uint64_t *out)
{
  uint64_t v = 0;
  const char *s = *p;
  if (*s < '0' || *s > '9')
    return -1;
  for (; *s >= '0' && *s <= '9'; s++) {
    unsigned d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10)
      return -2;
    v = v * 10 + d;
  }
  *p = s;
  *out = v;
  return 0;
}

static int checked_pow(uint64_t base, uint64_t exp, uint64_t *out)
{
  uint64_t v = 1;
  for (uint64_t i = 0; i < exp; i++) {
    if (base != 0 && v > UINT64_MAX / base)
      return -2;
    v *= base;
    if (v == 0 || v == 1)
      break; /* 0^n and 1^n need no more rounds, however large n is */
  }
  *out = v;
  return 0;
}

static int read_term(const char **p, uint64_t *out)
{
  uint64_t base, exp, scale;
  int rc = read_digits(p, &base);
  if (rc)
    return rc;
  if (**p == 'e' || **p == 'E' || **p == '^') {
    char op = **p;
    (*p)++;
    rc = read_digits(p, &exp);
    if (rc)
      return rc;
    if (op == '^')
      return checked_pow(base, exp, out);
    rc = checked_pow(10, exp, &scale);
    if (rc && base != 0)
      return rc;
    if (base != 0 && scale > UINT64_MAX / base)
      return -2;
    *out = base == 0 ? 0 : base * scale;
    return 0;
  }
  *out = base;
  return 0;
}

int numparse_u64(const char *text, uint64_t *out)
{
  const char *p = text;
  uint64_t sum = 0, term;
  for (;;) {
    int rc = read_term(&p, &term);
    if (rc)
      return rc;
    if (term > UINT64_MAX - sum)
      return -2;
    sum += term;
    if (*p == '\0')
      break;
    if (*p != '+')
      return -1;
    p++;
  }
  *out = sum;
  return 0;
}

int numparse_double(const char *text, double *out)
{
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end != '\0' || errno != 0 || !isfinite(v))
    return -1;
  *out = v;
  return 0;
}
