/* cli.c - the one option loop: getopt_long tables built from the programs' cli_option
 * tables, --help, --version, getopt's failures and the shared options (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <getopt.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "numparse.h"
#include "results.h"
#include "sysinfo.h"

const cli_option cli_common_options[] = {
  { "threads", 't', "N", "OpenMP threads per rank (default: OMP_NUM_THREADS, else one per core of the rank's cpuset)" },
  { "bind", CLI_KEY_BIND, "core|none", "core: each thread on its own core of the cpuset the launcher gave the rank, whatever OMP_PROC_BIND / OMP_PLACES say (default); none: leave the threads to OpenMP's places or the OS" },
  { "smt", CLI_KEY_SMT, NULL, "one thread per hardware thread (SMT sibling), not per core: the default count and the binding use every PU" },
  { "csv", CLI_KEY_CSV, "FILE", "append a results row to FILE (header written when new)" },
  { "tag", CLI_KEY_TAG, "NAME", "label the row: its params get tag=NAME (sweeps: strong, weak)" },
  { "verbose", 'v', NULL, "print the rank/thread/core map and run details on stderr" },
  { "help", 'h', NULL, "print this help and exit" },
  { "version", CLI_KEY_VERSION, NULL, "print the version and exit" },
  { NULL, 0, NULL, NULL },
};

static cli_take_fn run_options_take;
static void run_options_defaults(run_options *o);

/* getopt_long's tables, built from a program's cli_option tables and the shared ones. */
typedef struct getopt_tables {
  struct option longopts[CLI_MAX_OPTIONS + 1];
  const cli_table *owner[CLI_MAX_OPTIONS]; /* the table each long option came from */
  char shortopts[3 * CLI_MAX_OPTIONS + 2];
  cli_table own, common;                   /* the program's table; the common options at its
                                            * run_options */
} getopt_tables;

static int add_table(getopt_tables *g, const cli_table *t, size_t *n, size_t *s)
{
  for (const cli_option *o = t->options; o->name; o++) {
    if (*n == CLI_MAX_OPTIONS)
      return -1;
    g->longopts[*n].name = o->name;
    g->longopts[*n].has_arg = o->arg ? required_argument : no_argument;
    g->longopts[*n].val = o->key;
    g->owner[(*n)++] = t;
    if (o->key < 256) {
      g->shortopts[(*s)++] = (char)o->key;
      if (o->arg)
        g->shortopts[(*s)++] = ':';
    }
  }
  return 0;
}

static int tables_build(getopt_tables *g, const cli_program *p)
{
  size_t n = 0, s = 0;
  memset(g, 0, sizeof *g);
  g->own = (cli_table){ p->options, p->take, 0 };
  g->common = (cli_table){ cli_common_options, run_options_take, p->run_offset };
  g->shortopts[s++] = ':'; /* report a missing argument as ':' rather than '?' */
  if (add_table(g, &g->own, &n, &s) != 0 ||
      (p->shared.options && add_table(g, &p->shared, &n, &s) != 0))
    return -1;
  return add_table(g, &g->common, &n, &s);
}

/* The table that holds key (getopt_long returns the key, short or long alike). */
static const cli_table *table_of(const getopt_tables *g, int key)
{
  for (size_t i = 0; g->longopts[i].name; i++)
    if (g->longopts[i].val == key)
      return g->owner[i];
  return NULL;
}

/* --bind's line for a program that places no threads. */
static const char unplaced_bind_help[] = "none: its threads are not placed on cores (core is "
                                         "refused)";
static const char unplaced_smt_help[] = "refused: its threads are not placed on cores";

static void print_options(FILE *out, const cli_option *o, int unplaced)
{
  for (; o->name; o++) {
    char left[64];
    const char *help = o->help;
    if (unplaced && o->key == CLI_KEY_BIND)
      help = unplaced_bind_help;
    if (unplaced && o->key == CLI_KEY_SMT)
      help = unplaced_smt_help;
    if (o->key < 256)
      snprintf(left, sizeof left, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
               o->arg ? o->arg : "");
    else
      snprintf(left, sizeof left, "    --%s%s%s", o->name, o->arg ? " " : "",
               o->arg ? o->arg : "");
    fprintf(out, "  %-24s %s\n", left, help);
  }
}

void cli_print_help(FILE *out, const cli_program *p)
{
  fprintf(out, "Usage: %s\n\n%s\n\nOptions:\n", p->usage, p->about);
  print_options(out, p->options, 0);
  if (p->shared.options)
    print_options(out, p->shared.options, 0);
  print_options(out, cli_common_options, p->unplaced);
}

/* Describes a getopt failure (unknown option, missing argument) of argv[optind - 1]. */
static void getopt_error(int c, char **argv, char *err, size_t errlen)
{
  const char *word = argv[optind - 1];
  if (c == ':')
    snprintf(err, errlen, "%s needs an argument", word);
  else if (optopt && optopt < 256 && word[0] == '-' && word[1] != '-')
    snprintf(err, errlen, "unknown option '-%c'", optopt);
  else
    snprintf(err, errlen, "unknown option '%s'", word);
}

int cli_parse(const cli_program *p, int argc, char **argv, void *opts, FILE *out, char *err,
              size_t errlen)
{
  getopt_tables g;
  memset(opts, 0, p->size);
  p->defaults(opts);
  run_options_defaults((run_options *)((char *)opts + p->run_offset));
  if (tables_build(&g, p) != 0) {
    snprintf(err, errlen, "internal error: option table too large");
    return STATUS_USAGE;
  }
  opterr = 0;
  /* 0, not 1: glibc then forgets everything from an earlier parse, including its pointer into
   * the middle of an earlier "-abc" cluster (found by tests/fuzz/fuzz_options: a second parse
   * after one that stopped inside a cluster read the freed argv of the first). */
  optind = 0;
  for (;;) {
    int c = getopt_long(argc, argv, g.shortopts, g.longopts, NULL);
    if (c == -1)
      break;
    if (c == 'h') {
      if (out)
        cli_print_help(out, p);
      return STATUS_DONE;
    }
    if (c == CLI_KEY_VERSION) {
      if (out)
        fprintf(out, "%s %s\n", p->name, sysinfo_version());
      return STATUS_DONE;
    }
    const cli_table *t = c == '?' || c == ':' ? NULL : table_of(&g, c);
    if (!t) {
      getopt_error(c, argv, err, errlen);
      return STATUS_USAGE;
    }
    int rc = t->take((char *)opts + t->offset, c, optarg, err, errlen);
    if (rc != 0)
      return rc;
  }
  const run_options *run = (const run_options *)((const char *)opts + p->run_offset);
  if (p->unplaced && run->bind_given && run->bind) {
    snprintf(err, errlen, "--bind core: the threads of %s are not placed on cores (leave "
             "--bind out, or give --bind none)", p->name);
    return STATUS_USAGE;
  }
  if (p->unplaced && run->smt) {
    snprintf(err, errlen, "--smt: the threads of %s are not placed on cores", p->name);
    return STATUS_USAGE;
  }
  if (p->finish)
    return p->finish(opts, argc, argv, optind, err, errlen);
  return cli_no_operands(argc, argv, optind, err, errlen);
}

static void run_options_defaults(run_options *o)
{
  memset(o, 0, sizeof *o);
  o->bind = 1;
  o->progress = isatty(STDERR_FILENO);
}

static int run_options_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const binds[] = { "core", "none", NULL };
  run_options *o = opts;
  uint64_t v = 0;
  int rc = 0, choice = 0;
  switch (key) {
  case 't':
    rc = cli_take_count("threads", arg, 1, CLI_MAX_THREADS, &v, err, errlen);
    o->threads = (unsigned)v;
    return rc;
  case CLI_KEY_BIND:
    o->bind_given = 1;
    rc = cli_take_choice("bind", arg, binds, &choice, err, errlen);
    o->bind = choice == 0;
    return rc;
  case CLI_KEY_SMT:
    o->smt = 1;
    return 0;
  case CLI_KEY_CSV:
    rc = cli_take_path(o->csv, sizeof o->csv, "--csv", arg, err, errlen);
    if (rc == 0 && !csv_header_matches(o->csv, results_header)) {
      /* Refused before the run, not after it: rows of two schemas would not line up. */
      snprintf(err, errlen, "--csv: %s holds rows of another schema (its first line is not "
               "this version's header); give a new file", arg);
      rc = STATUS_USAGE;
    }
    return rc;
  case CLI_KEY_TAG:
    /* One word, so that params stays a list of key=value pairs split at spaces. */
    if (strlen(arg) == 0 || strlen(arg) >= sizeof o->tag ||
        strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
          strlen(arg)) {
      snprintf(err, errlen, "--tag: '%s' is not 1 to %zu letters, digits, '-', '_' or '.'", arg,
               sizeof o->tag - 1);
      return STATUS_USAGE;
    }
    snprintf(o->tag, sizeof o->tag, "%s", arg);
    return 0;
  case 'v':
    o->verbose++;
    return 0;
  default:
    snprintf(err, errlen, "internal error: option %d has no handler", key);
    return STATUS_USAGE;
  }
}

int cli_take_count(const char *name, const char *arg, uint64_t lo, uint64_t hi, uint64_t *v,
                   char *err, size_t errlen)
{
  if (numparse_u64(arg, v) == 0 && *v >= lo && *v <= hi)
    return 0;
  snprintf(err, errlen, "--%s: '%s' is not a whole number from %llu to %llu", name, arg,
           (unsigned long long)lo, (unsigned long long)hi);
  return STATUS_USAGE;
}

int cli_take_path(char *dst, size_t n, const char *name, const char *arg, char *err,
                  size_t errlen)
{
  if (strlen(arg) == 0 || strlen(arg) >= n) {
    snprintf(err, errlen, "%s: the file name is empty or longer than %zu bytes", name, n - 1);
    return STATUS_USAGE;
  }
  snprintf(dst, n, "%s", arg);
  return 0;
}

int cli_take_seconds(const char *name, const char *arg, double lo, double hi, double *v,
                     char *err, size_t errlen)
{
  if (numparse_double(arg, v) == 0 && *v >= lo && *v <= hi)
    return 0;
  snprintf(err, errlen, "--%s: '%s' is not a number from %g to %g", name, arg, lo, hi);
  return STATUS_USAGE;
}

int cli_take_choice(const char *name, const char *arg, const char *const *names, int *choice,
                    char *err, size_t errlen)
{
  size_t n = 0, used;
  for (; names[n]; n++) {
    if (strcmp(arg, names[n]) == 0) {
      *choice = (int)n;
      return 0;
    }
  }
  used = (size_t)snprintf(err, errlen, "--%s: '%s' is not ", name, arg);
  for (size_t i = 0; i < n && used < errlen; i++)
    used += (size_t)snprintf(err + used, errlen - used, "%s%s",
                             i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
  return STATUS_USAGE;
}

int cli_no_operands(int argc, char **argv, int first, char *err, size_t errlen)
{
  if (first >= argc)
    return 0;
  snprintf(err, errlen, "unexpected argument '%s'", argv[first]);
  return STATUS_USAGE;
}
