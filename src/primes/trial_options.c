/* trial_options.c - trial's option table, parsing and checks. */
#define _POSIX_C_SOURCE 200809L
#include "trial_options.h"

#include <stdio.h>
#include <string.h>

#include "numparse.h"
#include "sieve_options.h"

enum { KEY_COUNT = 2000, KEY_METHOD, KEY_TEST };

/* Counting by trial division needs the primes up to sqrt(B) in memory: 2^26 keeps that table
 * under 50 MB (and such a count would take days anyway). */
#define COUNT_MAX ((uint64_t)1 << 52)

static const cli_option trial_table[] = {
  { "count", KEY_COUNT, "A:B", "count the primes in [A, B) (B <= 2^52 for trial division)" },
  { "method", KEY_METHOD, "td|mr", "td: trial division by primes (default); mr: deterministic "
    "Miller-Rabin, the cross-check" },
  { "test", KEY_TEST, NULL, "run the known-answer self-test" },
  { NULL, 0, NULL, NULL },
};

static const char trial_usage[] = "trial [options] N...  |  trial -  (numbers on stdin)  |  "
                                  "trial --count A:B";
static const char trial_about[] =
  "Tells whether each 64-bit N is prime by trial division: prints 'N prime' or 'N composite F'\n"
  "with F the smallest prime factor ('N neither' for 0 and 1), in the input order. Divisors\n"
  "are the primes up to sqrt(N) from a sieve, tested without a hardware divide; every rank\n"
  "and thread splits the divisors and stops when one finds a factor.\n"
  "With no arguments: the teaching list (PRIMES) and the count below 2,000,000, each on one\n"
  "thread and then on every rank and thread.\n"
  "Exit status: 0 success; 1 --test failed; 2 usage or input error; 3 system error;\n"
  "130 / 143 stopped by SIGINT / SIGTERM (verdicts and counts so far; the row is partial).";

int trial_parse_number(const char *text, uint64_t *out, char *err, size_t errlen)
{
  int rc = numparse_u64(text, out);
  if (rc == 0)
    return 0;
  snprintf(err, errlen, "'%s' is not a whole number from 0 to 2^64-1%s", text,
           rc == -2 ? " (too large)" : "");
  return -1;
}

static void trial_defaults(void *opts)
{
  trial_options *o = opts;
  o->mode = TRIAL_LIST;
  o->method = TRIAL_DIVISION;
}

static int trial_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const methods[] = { "td", "mr", NULL }; /* as enum trial_method */
  trial_options *o = opts;
  int method = 0, rc;
  switch (key) {
  case KEY_COUNT:
    o->mode = TRIAL_COUNT;
    return sieve_parse_span("--count", arg, &o->count_a, &o->count_b, err, errlen) != 0
             ? STATUS_USAGE : 0;
  case KEY_METHOD:
    rc = cli_take_choice("method", arg, methods, &method, err, errlen);
    o->method = (trial_method)method;
    return rc;
  default: /* KEY_TEST */
    o->mode = TRIAL_TEST;
    return 0;
  }
}

static int trial_finish(void *opts, int argc, char **argv, int first, char *err, size_t errlen)
{
  trial_options *o = opts;
  if (o->mode == TRIAL_COUNT && o->method == TRIAL_DIVISION && o->count_b > COUNT_MAX) {
    snprintf(err, errlen, "--count: B must be at most 2^52 for trial division (the divisor "
             "table up to sqrt(B) must fit in memory); --method mr has no limit");
    return STATUS_USAGE;
  }
  o->first_number = first;
  int npos = argc - first;
  if (npos > 0 && o->mode != TRIAL_LIST) {
    snprintf(err, errlen, "unexpected argument '%s' with --%s", argv[first],
             o->mode == TRIAL_COUNT ? "count" : "test");
    return STATUS_USAGE;
  }
  if (npos == 1 && strcmp(argv[first], "-") == 0)
    o->from_stdin = 1;
  else if (npos == 0 && o->mode == TRIAL_LIST)
    o->mode = TRIAL_DEMO;
  /* Check every number now, so that a bad one is a usage error before any work. */
  for (int i = first; i < argc && !o->from_stdin; i++) {
    uint64_t v;
    if (trial_parse_number(argv[i], &v, err, errlen) != 0)
      return STATUS_USAGE;
  }
  return 0;
}

const cli_program trial_program = {
  .name = "trial", .usage = trial_usage, .about = trial_about, .options = trial_table,
  .take = trial_take, .size = sizeof(trial_options), .run_offset = offsetof(trial_options, run),
  .defaults = trial_defaults, .finish = trial_finish,
};
