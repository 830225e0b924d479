/* sieve_options.h - the sieve program's command line. */
#ifndef SRC_SIEVE_OPTIONS_H
#define SRC_SIEVE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

typedef enum { SIEVE_COUNT, SIEVE_PRINT, SIEVE_BATCH, SIEVE_TEST, SIEVE_DEMO } sieve_mode;

typedef struct sieve_options {
  run_options run;
  sieve_mode mode;
  uint64_t lo, hi;         /* [lo, hi], inclusive */
  int quiet, sum, twins;
  unsigned sieve_kib;      /* 0: from the caches */
  uint64_t batch_a, batch_b; /* --batch A:B, n in [A, B) */
} sieve_options;

/* The command line of sieve, for cli_parse (rank 0) or runtime_main. */
extern const cli_program sieve_program;

/* Parses "A:B" (each a numparse expression) into a < b. Returns 0, or -1 with a message. */
int sieve_parse_span(const char *name, const char *text, uint64_t *a, uint64_t *b, char *err,
                     size_t errlen);

#endif
