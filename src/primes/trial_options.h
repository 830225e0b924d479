/* trial_options.h - the trial program's command line. */
#ifndef SRC_TRIAL_OPTIONS_H
#define SRC_TRIAL_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

typedef enum { TRIAL_LIST, TRIAL_COUNT, TRIAL_TEST, TRIAL_DEMO } trial_mode;
typedef enum { TRIAL_DIVISION, TRIAL_MR } trial_method;

typedef struct trial_options {
  run_options run;
  trial_mode mode;
  trial_method method;
  uint64_t count_a, count_b; /* --count A:B: [A, B) */
  int from_stdin;            /* the argument "-": numbers on stdin, one per line */
  int first_number;          /* argv index of the first number */
} trial_options;

/* The command line of trial (the numbers stay in argv from first_number on), for cli_parse
 * (rank 0) or runtime_main. */
extern const cli_program trial_program;

/* Parses one number of the list ("N", "1e15", "2^64-59" is not a sum: use 18446744073709551557).
 * Returns 0, or -1 with a message naming it. */
int trial_parse_number(const char *text, uint64_t *out, char *err, size_t errlen);

#endif
