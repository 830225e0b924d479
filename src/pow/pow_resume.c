/* pow_resume.c - reads and writes pow's state file (pow_resume.h). The format is text, one
 * "key value" per line, so that a person can read where a search stands:
 *   pow-resume 1
 *   digits 50 / zeros 5 / seed S / watermark W / shown K
 *   coin CHUNK LO DIGITS        (one per coin, in the order found) */
#define _POSIX_C_SOURCE 200809L
#include "pow_resume.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "fileio.h"
#include "numparse.h"
#include "status.h"

enum { LINE_MAX_BYTES = 256 };

static int take_u64(const char *s, uint64_t *v, const char **end)
{
  char word[32];
  size_t n = strcspn(s, " ");
  if (n == 0 || n >= sizeof word || strspn(s, "0123456789") != n)
    return STATUS_USAGE;
  memcpy(word, s, n);
  word[n] = '\0';
  *end = s + n + (s[n] == ' ');
  return numparse_u64(word, v);
}

/* One "coin CHUNK LO DIGITS" line, after the key. */
static int read_coin(const char *s, pow_resume *st)
{
  uint64_t chunk, lo;
  if (take_u64(s, &chunk, &s) != 0 || take_u64(s, &lo, &s) != 0)
    return STATUS_USAGE;
  size_t len = strlen(s);
  if (len == 0 || len > MD5_ONE_BLOCK_MAX || strspn(s, "0123456789") != len)
    return STATUS_USAGE;
  return pow_resume_add(st, chunk, lo, s);
}

int pow_resume_read(FILE *in, pow_resume *st, char *err, size_t errlen)
{
  char line[LINE_MAX_BYTES + 2];
  unsigned lineno = 0, have = 0; /* a bit per header key */
  memset(st, 0, sizeof *st);
  while (fgets(line, sizeof line, in)) {
    lineno++;
    size_t len = strlen(line);
    if (len == 0 || line[len - 1] != '\n') {
      snprintf(err, errlen, "line %u: too long or not ended by a newline", lineno);
      return STATUS_USAGE;
    }
    line[len - 1] = '\0';
    const char *rest = NULL;
    uint64_t v = 0;
    int bad = 0;
    if (lineno == 1) {
      bad = strcmp(line, "pow-resume 1") != 0;
    } else if (strncmp(line, "coin ", 5) == 0) {
      bad = read_coin(line + 5, st) != 0;
    } else {
      static const char *const keys[] = { "digits ", "zeros ", "seed ", "watermark ", "shown " };
      unsigned k = 0;
      while (k < 5 && strncmp(line, keys[k], strlen(keys[k])) != 0)
        k++;
      bad = k == 5 || (have & (1u << k)) ||
            take_u64(line + strlen(keys[k]), &v, &rest) != 0 || *rest != '\0';
      if (!bad) {
        have |= 1u << k;
        if (k == 0) {
          bad = v < 1 || v > MD5_ONE_BLOCK_MAX;
          st->digits = (unsigned)v;
        } else if (k == 1) {
          bad = v > 32;
          st->zeros = (unsigned)v;
        } else if (k == 2)
          st->seed = v;
        else if (k == 3)
          st->watermark = v;
        else
          st->shown = v;
      }
    }
    if (bad) {
      snprintf(err, errlen, "line %u: not a pow state line: %.60s", lineno, line);
      return STATUS_USAGE;
    }
  }
  if (ferror(in) || have != 0x1f) {
    snprintf(err, errlen, "%s", ferror(in) ? strerror(errno) : "incomplete: a key is missing");
    return STATUS_USAGE;
  }
  for (size_t i = 0; i < st->n; i++)
    if (strlen(st->coins[i].text) != st->digits) {
      snprintf(err, errlen, "coin %zu has %zu digits, not %u", i + 1, strlen(st->coins[i].text),
               st->digits);
      return STATUS_USAGE;
    }
  if (st->shown > st->n) {
    snprintf(err, errlen, "shown %llu is more than the %zu coins", (unsigned long long)st->shown,
             st->n);
    return STATUS_USAGE;
  }
  st->loaded = st->n;
  st->loaded_watermark = st->watermark;
  return 0;
}

int pow_resume_load(const char *path, pow_resume *st, char *err, size_t errlen)
{
  memset(st, 0, sizeof *st);
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT)
      return 0;
    snprintf(err, errlen, "%s", strerror(errno));
    return STATUS_USAGE;
  }
  int rc = pow_resume_read(f, st, err, errlen);
  fclose(f);
  return rc == 0 ? 1 : rc;
}

int pow_resume_known(const pow_resume *st, uint64_t chunk, uint64_t lo)
{
  if (chunk < st->loaded_watermark)
    return 0;
  for (size_t i = 0; i < st->loaded; i++)
    if (st->coins[i].chunk == chunk && st->coins[i].lo == lo)
      return 1;
  return 0;
}

int pow_resume_add(pow_resume *st, uint64_t chunk, uint64_t lo, const char *text)
{
  if (buffer_grow(&st->coins, &st->cap, st->n + 1, sizeof *st->coins) != 0)
    return STATUS_SYSTEM;
  pow_saved_coin *c = &st->coins[st->n++];
  c->chunk = chunk;
  c->lo = lo;
  snprintf(c->text, sizeof c->text, "%s", text);
  return 0;
}

static int write_state(FILE *f, void *ctx)
{
  const pow_resume *st = ctx;
  fprintf(f, "pow-resume 1\ndigits %u\nzeros %u\nseed %llu\nwatermark %llu\nshown %llu\n",
          st->digits, st->zeros, (unsigned long long)st->seed,
          (unsigned long long)st->watermark, (unsigned long long)st->shown);
  for (size_t i = 0; i < st->n; i++)
    fprintf(f, "coin %llu %llu %s\n", (unsigned long long)st->coins[i].chunk,
            (unsigned long long)st->coins[i].lo, st->coins[i].text);
  return 0; /* fileio_replace's flush reports a failed write */
}

int pow_resume_save(const pow_resume *st, const char *path)
{
  return fileio_replace(path, write_state, (void *)st);
}

void pow_resume_free(pow_resume *st)
{
  free(st->coins);
  memset(st, 0, sizeof *st);
}
