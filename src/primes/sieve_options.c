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
    "(default: sqrt(STOP) bytes, within twice L1d and half of L2 as hwloc reports them)" },
  { "batch", KEY_BATCH, "A:B", "for every n in [A, B) build the list of primes <= n as its own "
    "task; report the total count and sum" },
  { "test", KEY_TEST, NULL, "run the known-answer self-test (PrimePi(10^k), twins, ranges)" },
  { NULL, 0, NULL, NULL },
};

static const char sieve_usage[] = "sieve [options] [START] STOP    (or: mpirun -np N sieve ...)";
static const char sieve_about[] =
  "Counts the primes in [START, STOP] (START defaults to 0; both inclusive, up to 2^64 - 1)\n"
  "with a segmented Sieve of Eratosthenes: wheel 30, pre-sieved to 163, buckets for large\n"
  "sieving primes. Numbers take 1e10, 10^12, 2^32 and sums such as 1e12+1e9.\n"
  "With no arguments: the teaching batch 1000:16000 and a count to 1e9, each on one thread\n"
  "and then on every rank and thread, with the speed-up.\n"
  "Exit status: 0 success; 1 --test failed; 2 usage error; 3 system error; 130 / 143\n"
  "stopped by SIGINT / SIGTERM (the totals cover the numbers sieved; the row is partial).";

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

static void sieve_defaults(void *opts)
{
  sieve_options *o = opts;
  o->mode = SIEVE_COUNT;
}

static int sieve_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  sieve_options *o = opts;
  uint64_t v = 0;
  switch (key) {
  case 'q':
    o->quiet = 1;
    return 0;
  case KEY_PRINT:
    o->mode = SIEVE_PRINT;
    return 0;
  case KEY_SUM:
    o->sum = 1;
    return 0;
  case KEY_TWINS:
    o->twins = 1;
    return 0;
  case 's':
    if (numparse_u64(arg, &v) != 0 || v < 1 || v > 65536) {
      snprintf(err, errlen, "--sieve-size: '%s' is not a whole number of KiB from 1 to 65536",
               arg);
      return STATUS_USAGE;
    }
    o->sieve_kib = (unsigned)v;
    return 0;
  case KEY_BATCH:
    o->mode = SIEVE_BATCH;
    if (sieve_parse_span("--batch", arg, &o->batch_a, &o->batch_b, err, errlen) != 0)
      return STATUS_USAGE;
    if (o->batch_b > ((uint64_t)1 << 32)) {
      snprintf(err, errlen, "--batch: B must be at most 2^32 (each n keeps its list in memory)");
      return STATUS_USAGE;
    }
    return 0;
  default: /* KEY_TEST */
    o->mode = SIEVE_TEST;
    return 0;
  }
}

static int sieve_finish(void *opts, int argc, char **argv, int first, char *err, size_t errlen)
{
  sieve_options *o = opts;
  int npos = argc - first;
  if (npos > 2) {
    snprintf(err, errlen, "unexpected argument '%s' (give at most START and STOP)",
             argv[first + 2]);
    return STATUS_USAGE;
  }
  if (npos > 0 && (o->mode == SIEVE_BATCH || o->mode == SIEVE_TEST)) {
    snprintf(err, errlen, "unexpected argument '%s' with --%s", argv[first],
             o->mode == SIEVE_BATCH ? "batch" : "test");
    return STATUS_USAGE;
  }
  if (npos == 0 && o->mode == SIEVE_PRINT) {
    snprintf(err, errlen, "--print needs STOP (and optionally START)");
    return STATUS_USAGE;
  }
  if (npos == 0 && o->mode == SIEVE_COUNT)
    o->mode = SIEVE_DEMO;
  if (npos == 2 && take_u64("START", argv[first], &o->lo, err, errlen) != 0)
    return STATUS_USAGE;
  if (npos > 0 && take_u64("STOP", argv[argc - 1], &o->hi, err, errlen) != 0)
    return STATUS_USAGE;
  if (npos > 0 && o->lo > o->hi) {
    snprintf(err, errlen, "START %llu is above STOP %llu", (unsigned long long)o->lo,
             (unsigned long long)o->hi);
    return STATUS_USAGE;
  }
  return 0;
}

const cli_program sieve_program = {
  .name = "sieve", .usage = sieve_usage, .about = sieve_about, .options = sieve_table,
  .take = sieve_take, .size = sizeof(sieve_options), .run_offset = offsetof(sieve_options, run),
  .defaults = sieve_defaults, .finish = sieve_finish,
};
