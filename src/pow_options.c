/* pow_options.c - pow's option table, parsing and validation. */
#define _POSIX_C_SOURCE 200809L
#include "pow_options.h"

#include <stdio.h>
#include <string.h>

#include "md5.h"
#include "numparse.h"
#include "pow_kernels.h"
#include "pow_target.h"

enum { KEY_SEED = 2000, KEY_VERIFY, KEY_TEST, KEY_KERNEL, KEY_RESUME };

static const cli_option pow_table[] = {
  { "coins", 'c', "N", "stop after N coins (default 4; 0 = no limit, with --seconds)" },
  { "digits", 'd', "L", "candidate length in decimal digits, 1..55 (default 50)" },
  { "zeros", 'z', "Z", "hex zeros the MD5 digest must end with, 0..32 (default 5)" },
  { "seconds", 's', "S", "mine for S seconds and report the rate (benchmark mode)" },
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

static const cli_option *const pow_tables[] = { pow_table, cli_common_options, NULL };

static const char pow_usage[] = "pow [options]    (or: mpirun -np N pow [options])";
static const char pow_about[] =
  "Mines MD5 proof-of-work coins: strings of L decimal digits whose MD5 hex digest ends in Z\n"
  "zeros. Prints each coin as '<string> <md5hex>' on stdout and a summary on stderr.\n"
  "Ranks and threads search disjoint parts of the space; every coin is re-checked with\n"
  "OpenSSL before it is printed.\n"
  "Exit status: 0 success; 1 a coin failed its check, --verify found a bad line, --test\n"
  "failed, or the space held fewer coins than asked; 2 usage error; 3 system error;\n"
  "130 / 143 stopped by SIGINT / SIGTERM (the coins found so far printed, the row partial).";

static const cli_program pow_program = { "pow", pow_usage, pow_about, pow_tables };

int pow_options_parse(int argc, char **argv, pow_options *o, char *err, size_t errlen)
{
  cli_parser p;
  uint64_t v = 0;
  int c, coins_given = 0, rc;

  memset(o, 0, sizeof *o);
  run_options_defaults(&o->run);
  o->mode = POW_MINE;
  o->coins = 4;
  o->digits = 50;
  o->zeros = 5;
  snprintf(o->kernel, sizeof o->kernel, "auto");
  if (cli_begin(&p, &pow_program, err, errlen) != CLI_RUN)
    return CLI_USAGE;
  for (;;) {
    c = cli_next(&p, argc, argv);
    if (c == -1)
      break;
    rc = CLI_RUN;
    switch (c) {
    case 'c':
      rc = cli_take_count("coins", optarg, 0, UINT64_MAX, &o->coins, err, errlen);
      coins_given = 1;
      break;
    case 'd':
      rc = cli_take_count("digits", optarg, 1, MD5_ONE_BLOCK_MAX, &v, err, errlen);
      o->digits = (unsigned)v;
      break;
    case 'z':
      rc = cli_take_count("zeros", optarg, 0, POW_MAX_ZEROS, &v, err, errlen);
      o->zeros = (unsigned)v;
      break;
    case 's':
      if (numparse_double(optarg, &o->seconds) != 0 || !(o->seconds > 0) || o->seconds > 1e7) {
        snprintf(err, errlen, "--seconds: '%s' is not a number of seconds above 0", optarg);
        rc = CLI_USAGE;
      }
      break;
    case KEY_SEED:
      rc = cli_take_count("seed", optarg, 0, UINT64_MAX, &o->seed, err, errlen);
      o->seed_given = 1;
      break;
    case KEY_KERNEL:
      if (strcmp(optarg, "list") == 0) {
        o->mode = POW_LIST;
      } else if (strcmp(optarg, "auto") != 0 && !pow_kernel_find(optarg)) {
        char names[128] = "";
        size_t n, used = 0;
        const pow_kernel *k = pow_kernels(&n);
        for (size_t i = 0; i < n; i++)
          used += (size_t)snprintf(names + used, sizeof names - used, "%s, ", k[i].name);
        snprintf(err, errlen, "--kernel: '%s' is not one of: %sauto, list", optarg, names);
        rc = CLI_USAGE;
      }
      snprintf(o->kernel, sizeof o->kernel, "%s", optarg);
      break;
    case KEY_RESUME:
      rc = cli_take_path(o->resume, sizeof o->resume, "--resume", optarg, err, errlen);
      break;
    case KEY_VERIFY:
      o->mode = POW_VERIFY;
      break;
    case KEY_TEST:
      o->mode = POW_TEST;
      break;
    default:
      rc = cli_take_common(&pow_program, c, argv, &o->run, err, errlen);
      break;
    }
    if (rc != CLI_RUN)
      return rc;
  }
  if (optind < argc) {
    snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
    return CLI_USAGE;
  }
  if (o->seconds > 0 && !coins_given)
    o->coins = 0; /* benchmark mode: the clock, not a coin count, ends the run */
  if (o->coins == 0 && o->seconds == 0) {
    snprintf(err, errlen, "--coins 0 (no limit) needs --seconds");
    return CLI_USAGE;
  }
  return CLI_RUN;
}
