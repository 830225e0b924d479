/* cli.h - command lines. One loop (cli_parse) owns getopt_long, --help, --version, the options
 * every program shares and the messages of a bad command line. A program contributes tables:
 * each a list of options (what getopt_long parses and what --help prints, so the two cannot
 * drift) with the function that takes them into the program's options struct, and a finish
 * step for what the options say together and for the operands. */
#ifndef SRC_BASE_CLI_H
#define SRC_BASE_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

typedef struct cli_option {
  const char *name; /* long name, without "--"; NULL ends a table */
  int key;          /* the short letter, or a value >= 256 for long-only options */
  const char *arg;  /* the argument's name in --help, NULL for a flag */
  const char *help; /* one line */
} cli_option;

#define CLI_MAX_OPTIONS 64
/* The most OpenMP threads one rank runs (-t). */
#define CLI_MAX_THREADS 1024

/* Takes option key with its argument (NULL for a flag) into opts, the struct its table
 * fills. Returns 0, or STATUS_USAGE with a one-line message in err. */
typedef int cli_take_fn(void *opts, int key, const char *arg, char *err, size_t errlen);

/* Options with the function that takes them; the parser hands take the struct at `offset`
 * in the program's options. */
typedef struct cli_table {
  const cli_option *options;
  cli_take_fn *take;
  size_t offset;
} cli_table;

/* After the options: checks what they say together and takes the operands argv[first..argc).
 * Returns 0, or STATUS_USAGE with a one-line message in err. */
typedef int cli_finish_fn(void *opts, int argc, char **argv, int first, char *err,
                          size_t errlen);

/* A program's command line. Its options struct holds a run_options (at run_offset) that the
 * shared options (cli_common_options, listed after the program's own) fill. */
typedef struct cli_program {
  const char *name;          /* "pow", "sieve", ...: --version prints it */
  const char *usage, *about; /* --help's first line and paragraph */
  const cli_option *options; /* the program's own options */
  cli_take_fn *take;         /* takes them into its options struct */
  cli_table shared;          /* options it shares with other programs (net_options.h), or none */
  size_t size;               /* of the options struct, zeroed before the defaults */
  size_t run_offset;         /* of its run_options */
  int unplaced;              /* its threads wait (on the network) and are not placed on cores:
                              * --bind takes none alone */
  void (*defaults)(void *opts); /* the program's own defaults; the shared ones are set after */
  cli_finish_fn *finish;     /* NULL: no operands taken */
} cli_program;

/* Options every program takes; they fill the run_options inside a program's struct. */
typedef struct run_options {
  unsigned threads; /* 0: OMP_NUM_THREADS, else the cores (PUs with smt) of the rank's share */
  int bind;         /* 1: bind each thread to a core (default); 0: --bind none */
  int bind_given;   /* --bind was on the command line */
  int smt;          /* --smt: a thread per hardware thread, not per core */
  int verbose;      /* -v: the placement map and details on stderr */
  int progress;     /* a status line on stderr: rank 0's stderr is a terminal */
  char csv[1024];   /* --csv FILE: append a results row; "" for none */
  char tag[64];     /* --tag NAME: added to the row's params as tag=NAME; "" for none */
} run_options;

enum { CLI_KEY_BIND = 1000, CLI_KEY_SMT, CLI_KEY_CSV, CLI_KEY_TAG, CLI_KEY_VERSION };
extern const cli_option cli_common_options[];

/* Parses argv into opts (p->size bytes): zeroed, the defaults, every option through its
 * table's take, then p's finish. Returns 0; STATUS_DONE after printing --help or --version
 * to out (NULL: nowhere; the ranks other than 0 print nothing); or STATUS_USAGE with a
 * one-line message in err. The outcome depends on argv alone, so that every rank parsing
 * the same command line comes to the same one (the options may differ: a drawn seed). */
int cli_parse(const cli_program *p, int argc, char **argv, void *opts, FILE *out, char *err,
              size_t errlen);

/* Prints p's usage, description and every option of its tables. */
void cli_print_help(FILE *out, const cli_program *p);

/* The takers a program's take function calls for its values. Each returns 0, or
 * STATUS_USAGE with a message in err naming the option as "--NAME". */

/* A whole number (1e6, 2^20, ...) in [lo, hi]: "--NAME: 'ARG' is not a whole number from LO
 * to HI". */
int cli_take_count(const char *name, const char *arg, uint64_t lo, uint64_t hi, uint64_t *v,
                   char *err, size_t errlen);

/* A decimal number (seconds, milliseconds) in [lo, hi]. */
int cli_take_seconds(const char *name, const char *arg, double lo, double hi, double *v,
                     char *err, size_t errlen);

/* A file name (--csv, -i, -o, --resume; name as the user typed it) into dst[0..n): not
 * empty, and it must fit. */
int cli_take_path(char *dst, size_t n, const char *name, const char *arg, char *err,
                  size_t errlen);

/* One of the NULL-ended names: its index into *choice, or "--NAME: 'ARG' is not A, B or C". */
int cli_take_choice(const char *name, const char *arg, const char *const *names, int *choice,
                    char *err, size_t errlen);

/* The operands when a program takes none: "unexpected argument 'X'". */
int cli_no_operands(int argc, char **argv, int first, char *err, size_t errlen);

#endif
