/* pow_options.c - pow's option table, parsing and validation. */
#define _POSIX_C_SOURCE 200809L
#include "pow_options.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "md5.h"
#include "numparse.h"
#include "pow_kernels.h"
#include "pow_target.h"

enum { KEY_SEED = 2000, KEY_VERIFY, KEY_TEST, KEY_KERNEL, KEY_RESUME, KEY_CANDIDATES };

static const cli_option pow_table[] = {
  { "coins", 'c', "N", "stop after N coins (default 4; 0 = no limit, with --seconds)" },
  { "digits", 'd', "L", "candidate length in decimal digits, 1..55 (default 50)" },
  { "zeros", 'z', "Z", "hex zeros the MD5 digest must end with, 0..32 (default 5)" },
  { "seconds", 's', "S", "mine for S seconds and report the rate (benchmark mode)" },
  { "candidates", KEY_CANDIDATES, "N",
    "test N candidates per worker (rank x thread), rounded up to whole chunks per rank (10^6 "
    "at 50 digits), then stop: the fixed work per worker of weak scaling (no coin limit unless "
    "-c)" },
  { "seed", KEY_SEED, "S", "choose the search space (default: random, printed with -v)" },
  { "kernel", KEY_KERNEL, "NAME",
    "MD5 kernel: scalar, portable, avx2, avx512, or auto: the fastest this CPU runs "
    "(default); list: show them and exit" },
  { "resume", KEY_RESUME, "FILE",
    "keep the search's state in FILE and continue it there when FILE exists: a run stopped "
    "at any moment loses no coin and prints none twice" },
  { "verify", KEY_VERIFY, NULL, "check 'string [md5hex]' lines from stdin; exit 1 if any is bad" },
  { "test", KEY_TEST, NULL, "run the known-answer self-test (RFC 1321, known coins)" },
  { NULL, 0, NULL, NULL },
};

static const char pow_usage[] = "pow [options]    (or: mpirun -np N pow [options])";
static const char pow_about[] =
  "Mines MD5 proof-of-work coins: strings of L decimal digits whose MD5 hex digest ends in Z\n"
  "zeros. Prints each coin as '<string> <md5hex>' on stdout and a summary on stderr.\n"
  "Ranks and threads search disjoint parts of the space; every coin is re-checked with\n"
  "OpenSSL before it is printed.\n"
  "Exit status: 0 success; 1 a coin failed its check, --verify found a bad line, --test\n"
  "failed, or the space held fewer coins than asked; 2 usage error; 3 system error;\n"
  "130 / 143 stopped by SIGINT / SIGTERM (the coins found so far printed, the row partial).";

static void pow_defaults(void *opts)
{
  *(pow_options *)opts = (pow_options){
    .mode = POW_MINE, .coins = 4, .digits = 50, .zeros = 5, .kernel = "auto",
  };
}

static int take_kernel(pow_options *o, const char *arg, char *err, size_t errlen)
{
  snprintf(o->kernel, sizeof o->kernel, "%s", arg);
  if (strcmp(arg, "list") == 0) {
    o->mode = POW_LIST;
    return 0;
  }
  if (strcmp(arg, "auto") == 0 || pow_kernel_find(arg))
    return 0;
  char names[128] = "";
  size_t n, used = 0;
  const pow_kernel *k = pow_kernels(&n);
  for (size_t i = 0; i < n; i++)
    used += (size_t)snprintf(names + used, sizeof names - used, "%s, ", k[i].name);
  snprintf(err, errlen, "--kernel: '%s' is not one of: %sauto, list", arg, names);
  return STATUS_USAGE;
}

static int pow_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  pow_options *o = opts;
  uint64_t v = 0;
  int rc = 0;
  switch (key) {
  case 'c':
    o->coins_given = 1;
    return cli_take_count("coins", arg, 0, UINT64_MAX, &o->coins, err, errlen);
  case 'd':
    rc = cli_take_count("digits", arg, 1, MD5_ONE_BLOCK_MAX, &v, err, errlen);
    o->digits = (unsigned)v;
    return rc;
  case 'z':
    rc = cli_take_count("zeros", arg, 0, POW_MAX_ZEROS, &v, err, errlen);
    o->zeros = (unsigned)v;
    return rc;
  case 's':
    if (numparse_double(arg, &o->seconds) != 0 || !(o->seconds > 0) || o->seconds > 1e7) {
      snprintf(err, errlen, "--seconds: '%s' is not a number of seconds above 0", arg);
      return STATUS_USAGE;
    }
    return 0;
  case KEY_CANDIDATES:
    return cli_take_count("candidates", arg, 1, UINT64_MAX / 2, &o->candidates, err, errlen);
  case KEY_SEED:
    o->seed_given = 1;
    return cli_take_count("seed", arg, 0, UINT64_MAX, &o->seed, err, errlen);
  case KEY_KERNEL:
    return take_kernel(o, arg, err, errlen);
  case KEY_RESUME:
    return cli_take_path(o->resume, sizeof o->resume, "--resume", arg, err, errlen);
  case KEY_VERIFY:
    o->mode = POW_VERIFY;
    return 0;
  default: /* KEY_TEST */
    o->mode = POW_TEST;
    return 0;
  }
}

/* A search space nobody asked for: every rank draws one as it parses; rank 0's is the one
 * broadcast with the options (runtime_main). */
static uint64_t random_seed(void)
{
  uint64_t seed = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, &seed, sizeof seed) != (ssize_t)sizeof seed)
      seed = 0;
    close(fd);
  }
  if (seed == 0)
    seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
  return seed;
}

static int pow_finish(void *opts, int argc, char **argv, int first, char *err, size_t errlen)
{
  pow_options *o = opts;
  if (cli_no_operands(argc, argv, first, err, errlen) != 0)
    return STATUS_USAGE;
  if (!o->seed_given)
    o->seed = random_seed();
  if ((o->seconds > 0 || o->candidates > 0) && !o->coins_given)
    o->coins = 0; /* benchmark mode: the clock or the budget, not a coin count, ends the run */
  if (o->candidates > 0 && o->resume[0]) {
    /* A budget's chunks end the search early: the state would claim the rest searched. */
    snprintf(err, errlen, "--candidates and --resume do not combine");
    return STATUS_USAGE;
  }
  if (o->coins == 0 && o->seconds == 0 && o->candidates == 0) {
    snprintf(err, errlen, "--coins 0 (no limit) needs --seconds or --candidates");
    return STATUS_USAGE;
  }
  return 0;
}

const cli_program pow_program = {
  .name = "pow", .usage = pow_usage, .about = pow_about, .options = pow_table, .take = pow_take,
  .size = sizeof(pow_options), .run_offset = offsetof(pow_options, run), .defaults = pow_defaults,
  .finish = pow_finish,
};
