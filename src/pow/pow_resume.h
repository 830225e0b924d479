/* pow_resume.h - the state file of pow --resume FILE: the search (digits, zeros, seed), the
 * watermark below which every chunk has been searched, and every coin found so far with how
 * many of them have been printed. Rank 0 rewrites it about twice a second and at the end,
 * always whole (a temporary file renamed over the old one), so a run killed at any moment
 * leaves the last complete state; a later run with the same FILE continues from it. */
#ifndef SRC_POW_RESUME_H
#define SRC_POW_RESUME_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "md5.h"

typedef struct pow_saved_coin {
  uint64_t chunk, lo;                  /* where the search found it (pow_coin) */
  char text[MD5_ONE_BLOCK_MAX + 1];    /* the coin's digits */
} pow_saved_coin;

typedef struct pow_resume {
  unsigned digits, zeros;
  uint64_t seed;
  uint64_t watermark;        /* every chunk below this was searched */
  uint64_t loaded_watermark; /* the watermark the file had when this run read it */
  pow_saved_coin *coins;     /* in the order found */
  size_t n, cap;
  size_t loaded;             /* coins read from the file: coins[0 .. loaded) */
  uint64_t shown;            /* coins[0 .. shown) have been printed on stdout */
} pow_resume;

/* Reads a state from in into st (zeroed first). Returns 0, or STATUS_USAGE with "line N: why"
 * in err when in is not a whole pow state. */
int pow_resume_read(FILE *in, pow_resume *st, char *err, size_t errlen);

/* pow_resume_read from the file at path. Returns 1 when read, 0 when there is no such file
 * (a new search; st zeroed), or STATUS_USAGE with the reason in err. */
int pow_resume_load(const char *path, pow_resume *st, char *err, size_t errlen);

/* Whether a coin read from the file at or above its watermark is at (chunk, lo): the chunks a
 * resumed run searches again may hold coins the last run already had. */
int pow_resume_known(const pow_resume *st, uint64_t chunk, uint64_t lo);

/* Appends a coin. Returns 0, or STATUS_SYSTEM when out of memory. */
int pow_resume_add(pow_resume *st, uint64_t chunk, uint64_t lo, const char *text);

/* Writes st to path through path.tmp, fsync and rename. Returns 0, or STATUS_SYSTEM with
 * errno set. */
int pow_resume_save(const pow_resume *st, const char *path);

void pow_resume_free(pow_resume *st);

#endif
