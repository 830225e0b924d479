/* sieve_options.c - sieve's option table, parsing and checks. */
#define _POSIX_C_SOURCE 200809L
#include "sieve_options.h"

#include <stdio.h>
#include <string.h>

#include "numparse.h"

enum { KEY_PRINT = 2000, KEY_SUM, KEY_TWINS, KEY_BATCH, KEY_TEST };

static const cli_option sieve_table[] = {
  { "quiet", 'q', NULL, "print only the answers, one per line (for scripts)" },
  { "print", KEY_PRINT, NULL, "print the primes in [START, STOP] in order, one per line" },
  { "sum", KEY_SUM, NULL, "also sum the primes (modulo 2^64)" },
  { "twins", KEY_TWINS, NULL, "also count twin primes (p, p + 2 both in the range)" },
  { "sieve-size", 's', "KiB", "segment size in KiB, 1..65536, rounded down to a power of two "
    "(default: half the L2 cache hwloc reports)" },
  { "batch", KEY_BATCH, "A:B", "for every n in [A, B) build the list of primes <= n as its own "
    "task; report the total count and sum" },
  { "test", KEY_TEST, NULL, "run the known-answer self-test (PrimePi(10^k), twins, ranges)" },
  { NULL, 0, NULL, NULL },
};

static const cli_option *const sieve_tables_cli[] = { sieve_table, cli_common_options, NULL };

static const char sieve_usage[] = "sieve [options] [START] STOP    (or: mpirun -np N sieve ...)";
static const char sieve_about[] =
  "Counts the primes in [START, STOP] (START defaults to 0; both inclusive, up to 2^64 - 1)\n"
  "with a segmented Sieve of Eratosthenes: wheel 30, pre-sieved to 163, buckets for large\n"
  "sieving primes. Numbers take 1e10, 10^12, 2^32 and sums such as 1e12+1e9.\n"
  "With no arguments: the teaching batch 1000:16000 and a count to 1e9, each on one thread\n"
  "and then on every rank and thread, with the speed-up.\n"
  "Exit status: 0 success; 1 --test failed; 2 usage error; 3 system error; 130 / 143\n"
  "stopped by SIGINT / SIGTERM (the totals cover the numbers sieved; the row is partial).";

static const cli_program sieve_program = { "sieve", sieve_usage, sieve_about,
                                           sieve_tables_cli };

static int take_u64(const char *what, const char *text, uint64_t *out, char *err, size_t errlen)
{
  int rc = numparse_u64(text, out);
  if (rc == 0)
    return 0;
  snprintf(err, errlen, "%s '%s' is not a whole number from 0 to 2^64-1%s", what, text,
           rc == -2 ? " (too large)" : "");
  return -1;
}

int sieve_parse_span(const char *name, const char *text, uint64_t *a, uint64_t *b, char *err,
                     size_t errlen)
{
  const char *colon = strchr(text, ':');
  char left[128];
  if (!colon || (size_t)(colon - text) >= sizeof left) {
    snprintf(err, errlen, "%s: '%s' is not of the form A:B", name, text);
    return -1;
  }
  memcpy(left, text, (size_t)(colon - text));
  left[colon - text] = '\0';
  if (take_u64(name, left, a, err, errlen) != 0 || take_u64(name, colon + 1, b, err, errlen) != 0)
    return -1;
  if (*a >= *b) {
    snprintf(err, errlen, "%s: '%s' is empty (A must be below B)", name, text);
    return -1;
  }
  return 0;
}

int sieve_options_parse(int argc, char **argv, sieve_options *o, char *err, size_t errlen)
{
  cli_parser p;
  int c, rc;
  uint64_t v;

  memset(o, 0, sizeof *o);
  run_options_defaults(&o->run);
  o->mode = SIEVE_COUNT;
  if (cli_begin(&p, &sieve_program, err, errlen) != CLI_RUN)
    return CLI_USAGE;
  for (;;) {
    c = cli_next(&p, argc, argv);
    if (c == -1)
      break;
    rc = CLI_RUN;
    switch (c) {
    case 'q':
      o->quiet = 1;
      break;
    case KEY_PRINT:
      o->mode = SIEVE_PRINT;
      break;
    case KEY_SUM:
      o->sum = 1;
      break;
    case KEY_TWINS:
      o->twins = 1;
      break;
    case 's':
      if (numparse_u64(optarg, &v) != 0 || v < 1 || v > 65536) {
        snprintf(err, errlen, "--sieve-size: '%s' is not a whole number of KiB from 1 to 65536",
                 optarg);
        rc = CLI_USAGE;
      }
      o->sieve_kib = (unsigned)v;
      break;
    case KEY_BATCH:
      if (sieve_parse_span("--batch", optarg, &o->batch_a, &o->batch_b, err, errlen) != 0)
        rc = CLI_USAGE;
      else if (o->batch_b > ((uint64_t)1 << 32)) {
        snprintf(err, errlen, "--batch: B must be at most 2^32 (each n keeps its list in memory)");
        rc = CLI_USAGE;
      }
      o->mode = SIEVE_BATCH;
      break;
    case KEY_TEST:
      o->mode = SIEVE_TEST;
      break;
    default:
      rc = cli_take_common(&sieve_program, c, argv, &o->run, err, errlen);
      break;
    }
    if (rc != CLI_RUN)
      return rc;
  }
  int npos = argc - optind;
  if (npos > 2) {
    snprintf(err, errlen, "unexpected argument '%s' (give at most START and STOP)", argv[optind + 2]);
    return CLI_USAGE;
  }
  if (npos > 0 && (o->mode == SIEVE_BATCH || o->mode == SIEVE_TEST)) {
    snprintf(err, errlen, "unexpected argument '%s' with --%s", argv[optind],
             o->mode == SIEVE_BATCH ? "batch" : "test");
    return CLI_USAGE;
  }
  if (npos == 0 && o->mode == SIEVE_PRINT) {
    snprintf(err, errlen, "--print needs STOP (and optionally START)");
    return CLI_USAGE;
  }
  if (npos == 0 && o->mode == SIEVE_COUNT)
    o->mode = SIEVE_DEMO;
  if (npos == 2 && take_u64("START", argv[optind], &o->lo, err, errlen) != 0)
    return CLI_USAGE;
  if (npos > 0 && take_u64("STOP", argv[argc - 1], &o->hi, err, errlen) != 0)
    return CLI_USAGE;
  if (npos > 0 && o->lo > o->hi) {
    snprintf(err, errlen, "START %llu is above STOP %llu", (unsigned long long)o->lo,
             (unsigned long long)o->hi);
    return CLI_USAGE;
  }
  return CLI_RUN;
}
