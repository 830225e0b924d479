/* fuzz_options.c - every program's command line: the input, split at newlines, is argv for
 * pow, sieve, trial, fetch, linkcheck and race in turn. A parser must return 0, STATUS_DONE
 * or STATUS_USAGE with a one-line message, whatever it is given. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "fetch_options.h"
#include "fuzz_util.h"
#include "linkcheck_options.h"
#include "pow_options.h"
#include "race_options.h"
#include "sieve_options.h"
#include "trial_options.h"

enum { MAX_ARGS = 32 };

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  /* --help and --version print to stdout: keep the fuzzer's output readable. */
  if (!freopen("/dev/null", "w", stdout))
    return 0;
  return 0;
}

static void check_outcome(int rc, const char *err)
{
  FUZZ_ASSERT(rc == 0 || rc == STATUS_DONE || rc == STATUS_USAGE);
  if (rc == STATUS_USAGE)
    FUZZ_ASSERT(err[0] != '\0' && strchr(err, '\n') == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *s = fuzz_string(data, size), err[300];
  if (!s)
    return 0;
  char *argv[MAX_ARGS + 2];
  argv[0] = "prog";
  int argc = 1 + (int)fuzz_lines(s, argv + 1, MAX_ARGS);
  argv[argc] = NULL;
  static union {
    pow_options pow;
    sieve_options sieve;
    trial_options trial;
    fetch_options fetch;
    linkcheck_options linkcheck;
    race_options race;
  } o;
  /* getopt keeps state between calls: optind = 0 starts it afresh (glibc). argv is permuted,
   * so each parser gets its own copy. */
  static const cli_program *const programs[] = { &pow_program,   &sieve_program,
                                                 &trial_program, &fetch_program,
                                                 &linkcheck_program, &race_program };
  char *copy[MAX_ARGS + 2];
  for (int k = 0; k < 6; k++) {
    memcpy(copy, argv, sizeof copy);
    optind = 0;
    err[0] = '\0';
    int rc = cli_parse(programs[k], argc, copy, &o, NULL, err, sizeof err);
    check_outcome(rc, err);
  }
  free(s);
  return 0;
}
