/* cli.h - command lines: one option table per program holds both what getopt_long parses and
 * what --help prints, so the two cannot drift; plus the options every program shares
 * (threads, binding, verbosity, results CSV). */
#ifndef SRC_CLI_H
#define SRC_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cli_option {
  const char *name; /* long name, without "--"; NULL ends a table */
  int key;          /* the short letter, or a value >= 256 for long-only options */
  const char *arg;  /* the argument's name in --help, NULL for a flag */
  const char *help; /* one line */
} cli_option;

#define CLI_MAX_OPTIONS 64

/* getopt_long's tables, built from cli_option tables. */
typedef struct cli_parser {
  struct option longopts[CLI_MAX_OPTIONS + 1];
  char shortopts[3 * CLI_MAX_OPTIONS + 2];
} cli_parser;

/* Outcome of parsing a command line. */
enum { CLI_RUN = 0, CLI_DONE = 1, CLI_USAGE = 2 };

/* Options every program takes; their keys are the constants below. */
typedef struct run_options {
  unsigned threads; /* 0: OMP_NUM_THREADS, else the cores of this rank's share */
  int bind;         /* 1: bind each thread to a core (default); 0: --bind none */
  int verbose;      /* -v: the placement map and details on stderr */
  int progress;     /* a status line on stderr: rank 0's stderr is a terminal */
  char csv[1024];   /* --csv FILE: append a results row; "" for none */
  char tag[64];     /* --tag NAME: added to the row's params as tag=NAME; "" for none */
} run_options;

enum { CLI_KEY_BIND = 1000, CLI_KEY_CSV, CLI_KEY_TAG, CLI_KEY_VERSION };
extern const cli_option cli_common_options[];

/* Builds p from the tables (NULL-terminated list). Returns 0, or -1 on too many options. */
int cli_parser_init(cli_parser *p, const cli_option *const *tables);

/* Prints usage, the description and every option of the tables. */
void cli_print_help(FILE *out, const char *usage, const char *about,
                    const cli_option *const *tables);

/* Sets o to the defaults. */
void run_options_defaults(run_options *o);

/* Applies common option `key` with argument arg. Returns CLI_RUN when taken, CLI_USAGE with a
 * message in err when the value is bad, or -1 when key is not a common option. --help and
 * --version are left to the program. */
int run_options_take(run_options *o, int key, const char *arg, char *err, size_t errlen);

/* What a program's --help and --version print. */
typedef struct cli_program {
  const char *name;                /* "pow", "sieve", ...: --version prints it */
  const char *usage, *about;
  const cli_option *const *tables; /* the program's table and cli_common_options, NULL-ended */
} cli_program;

/* Starts parsing argv for program p: builds p's getopt tables into parser and resets getopt
 * (opterr off: messages come from cli_take_common). Returns CLI_RUN, or CLI_USAGE with a
 * message in err when the tables are too large. */
int cli_begin(cli_parser *parser, const cli_program *p, char *err, size_t errlen);

/* The next option from argv, as getopt_long returns it (-1 at the end). */
int cli_next(const cli_parser *parser, int argc, char **argv);

/* Takes every getopt result a program's own table leaves: --help and --version (printed to
 * stdout; CLI_DONE), getopt failures (CLI_USAGE with the message in err) and the common
 * options. Returns CLI_RUN, CLI_DONE or CLI_USAGE. */
int cli_take_common(const cli_program *p, int c, char **argv, run_options *o, char *err,
                    size_t errlen);

/* An option value that must be a whole number (1e6, 2^20, ...) in [lo, hi]: stores it in *v and
 * returns CLI_RUN, or CLI_USAGE with "--NAME: 'ARG' is not a whole number from LO to HI". */
int cli_take_count(const char *name, const char *arg, uint64_t lo, uint64_t hi, uint64_t *v,
                   char *err, size_t errlen);

/* A file name option (--csv, -i, -o, --resume; name as the user typed it) into dst[0..n).
 * Returns CLI_RUN, or CLI_USAGE with a message in err when it is empty or does not fit. */
int cli_take_path(char *dst, size_t n, const char *name, const char *arg, char *err,
                  size_t errlen);

/* The same for a decimal number (seconds, milliseconds) in [lo, hi]. */
int cli_take_seconds(const char *name, const char *arg, double lo, double hi, double *v,
                     char *err, size_t errlen);

/* Describes a getopt failure (unknown option, missing argument) of argv[optind - 1]. */
void cli_getopt_error(int c, char **argv, char *err, size_t errlen);

#endif
