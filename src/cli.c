/* cli.c - builds getopt_long tables from cli_option tables, prints --help, and parses the
 * options shared by every program. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "numparse.h"
#include "placement.h"
#include "sysinfo.h"

const cli_option cli_common_options[] = {
  { "threads", 't', "N", "OpenMP threads per rank (default: OMP_NUM_THREADS, else the rank's cores)" },
  { "bind", CLI_KEY_BIND, "core|none", "bind each thread to its own core (default core)" },
  { "csv", CLI_KEY_CSV, "FILE", "append a results row to FILE (header written when new)" },
  { "tag", CLI_KEY_TAG, "NAME", "label the row: its params get tag=NAME (sweeps: strong, weak)" },
  { "verbose", 'v', NULL, "print the rank/thread/core map and run details on stderr" },
  { "help", 'h', NULL, "print this help and exit" },
  { "version", CLI_KEY_VERSION, NULL, "print the version and exit" },
  { NULL, 0, NULL, NULL },
};

int cli_parser_init(cli_parser *p, const cli_option *const *tables)
{
  size_t n = 0, s = 0;
  memset(p, 0, sizeof *p);
  p->shortopts[s++] = ':'; /* report a missing argument as ':' rather than '?' */
  for (; *tables; tables++) {
    for (const cli_option *o = *tables; o->name; o++) {
      if (n == CLI_MAX_OPTIONS)
        return -1;
      p->longopts[n].name = o->name;
      p->longopts[n].has_arg = o->arg ? required_argument : no_argument;
      p->longopts[n].val = o->key;
      n++;
      if (o->key < 256) {
        p->shortopts[s++] = (char)o->key;
        if (o->arg)
          p->shortopts[s++] = ':';
      }
    }
  }
  return 0;
}

void cli_print_help(FILE *out, const char *usage, const char *about,
                    const cli_option *const *tables)
{
  fprintf(out, "Usage: %s\n\n%s\n\nOptions:\n", usage, about);
  for (; *tables; tables++) {
    for (const cli_option *o = *tables; o->name; o++) {
      char left[64];
      if (o->key < 256)
        snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
      else
        snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
      fprintf(out, "  %-24s %s\n", left, o->help);
    }
  }
}

void run_options_defaults(run_options *o)
{
  memset(o, 0, sizeof *o);
  o->bind = 1;
  o->progress = isatty(STDERR_FILENO);
}

int run_options_take(run_options *o, int key, const char *arg, char *err, size_t errlen)
{
  uint64_t v;
  switch (key) {
  case 't':
    if (numparse_u64(arg, &v) != 0 || v < 1 || v > PLACEMENT_MAX_THREADS) {
      snprintf(err, errlen, "--threads: '%s' is not a whole number from 1 to %d", arg,
               PLACEMENT_MAX_THREADS);
      return CLI_USAGE;
    }
    o->threads = (unsigned)v;
    return CLI_RUN;
  case CLI_KEY_BIND:
    if (strcmp(arg, "core") != 0 && strcmp(arg, "none") != 0) {
      snprintf(err, errlen, "--bind: '%s' is neither 'core' nor 'none'", arg);
      return CLI_USAGE;
    }
    o->bind = strcmp(arg, "core") == 0;
    return CLI_RUN;
  case CLI_KEY_CSV:
    return cli_take_path(o->csv, sizeof o->csv, "--csv", arg, err, errlen);
  case CLI_KEY_TAG:
    /* One word, so that params stays a list of key=value pairs split at spaces. */
    if (strlen(arg) == 0 || strlen(arg) >= sizeof o->tag ||
        strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
          strlen(arg)) {
      snprintf(err, errlen, "--tag: '%s' is not 1 to %zu letters, digits, '-', '_' or '.'", arg,
               sizeof o->tag - 1);
      return CLI_USAGE;
    }
    snprintf(o->tag, sizeof o->tag, "%s", arg);
    return CLI_RUN;
  case 'v':
    o->verbose++;
    return CLI_RUN;
  default:
    return -1;
  }
}

int cli_take_count(const char *name, const char *arg, uint64_t lo, uint64_t hi, uint64_t *v,
                   char *err, size_t errlen)
{
  if (numparse_u64(arg, v) == 0 && *v >= lo && *v <= hi)
    return CLI_RUN;
  snprintf(err, errlen, "--%s: '%s' is not a whole number from %llu to %llu", name, arg,
           (unsigned long long)lo, (unsigned long long)hi);
  return CLI_USAGE;
}

int cli_take_path(char *dst, size_t n, const char *name, const char *arg, char *err,
                  size_t errlen)
{
  if (strlen(arg) == 0 || strlen(arg) >= n) {
    snprintf(err, errlen, "%s: the file name is empty or longer than %zu bytes", name, n - 1);
    return CLI_USAGE;
  }
  snprintf(dst, n, "%s", arg);
  return CLI_RUN;
}

int cli_take_seconds(const char *name, const char *arg, double lo, double hi, double *v,
                     char *err, size_t errlen)
{
  if (numparse_double(arg, v) == 0 && *v >= lo && *v <= hi)
    return CLI_RUN;
  snprintf(err, errlen, "--%s: '%s' is not a number from %g to %g", name, arg, lo, hi);
  return CLI_USAGE;
}

void cli_getopt_error(int c, char **argv, char *err, size_t errlen)
{
  const char *word = argv[optind - 1];
  if (c == ':')
    snprintf(err, errlen, "%s needs an argument", word);
  else if (optopt && optopt < 256 && word[0] == '-' && word[1] != '-')
    snprintf(err, errlen, "unknown option '-%c'", optopt);
  else
    snprintf(err, errlen, "unknown option '%s'", word);
}

int cli_take_common(const cli_program *p, int c, char **argv, run_options *o, char *err,
                    size_t errlen)
{
  switch (c) {
  case 'h':
    cli_print_help(stdout, p->usage, p->about, p->tables);
    return CLI_DONE;
  case CLI_KEY_VERSION:
    printf("%s %s\n", p->name, sysinfo_version());
    return CLI_DONE;
  case '?':
  case ':':
    cli_getopt_error(c, argv, err, errlen);
    return CLI_USAGE;
  default: {
    int rc = run_options_take(o, c, optarg, err, errlen);
    if (rc == -1) {
      snprintf(err, errlen, "internal error: option %d has no handler", c);
      rc = CLI_USAGE;
    }
    return rc;
  }
  }
}

int cli_begin(cli_parser *parser, const cli_program *p, char *err, size_t errlen)
{
  if (cli_parser_init(parser, p->tables) != 0) {
    snprintf(err, errlen, "internal error: option table too large");
    return CLI_USAGE;
  }
  opterr = 0;
  /* 0, not 1: glibc then forgets everything from an earlier parse, including its pointer into
   * the middle of an earlier "-abc" cluster (found by tests/fuzz/fuzz_options: a second parse
   * after one that stopped inside a cluster read the freed argv of the first). */
  optind = 0;
  return CLI_RUN;
}

int cli_next(const cli_parser *parser, int argc, char **argv)
{
  return getopt_long(argc, argv, parser->shortopts, parser->longopts, NULL);
}
