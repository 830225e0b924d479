/* fetch_options.h - the options of fetch, and the network options fetch and linkcheck share
 * (backend, concurrency, deadlines, retries, method, redirects, politeness, size cap). */
#ifndef SRC_FETCH_OPTIONS_H
#define SRC_FETCH_OPTIONS_H

#include <stddef.h>

#include "cli.h"
#include "fetch.h"

enum { OUT_CSV, OUT_JSON };
enum { ORDER_AUTO, ORDER_INPUT, ORDER_COMPLETION };

/* The shared network options and their --help lines. */
extern const cli_option fetch_net_options[];

/* Applies network option `key` to c. Returns CLI_RUN when taken, CLI_USAGE with a message in
 * err when the value is bad, -1 when key is not a network option. */
int fetch_net_take(fetch_config *c, int key, const char *arg, char *err, size_t errlen);

/* The output options both programs take: -o FILE and --format csv|json. */
enum { FETCH_KEY_FORMAT = 3100 };
int fetch_take_format(int *format, const char *arg, char *err, size_t errlen);

/* Raises the soft limit on open files as far as c's concurrency needs (within the hard limit).
 * Returns 0, or -1 with a message in err when it cannot fit. */
int fetch_check_files(const fetch_config *c, char *err, size_t errlen);

/* The omp backend runs one thread per request in flight: refuses, with the reason in err, a
 * concurrency past what the system lets this process start. Returns 0 or -1. */
int fetch_check_threads(const fetch_config *c, char *err, size_t errlen);

/* "seq", "omp", "multi". */
const char *fetch_backend_name(int backend);

typedef struct fetch_options {
  run_options run;
  fetch_config net;
  char input[1024];  /* -i: a file of URLs, "-" for stdin; "" for none */
  char output[1024]; /* -o: "" for stdout */
  int format, order;
  int latency_rows;  /* --latency-rows: a results row per URL as well as the summary */
  int first_url;     /* argv index of the first URL operand */
  int url_operands;  /* how many */
} fetch_options;

/* Parses fetch's command line into o. Returns CLI_RUN, CLI_DONE or CLI_USAGE (message in
 * err). */
int fetch_options_parse(int argc, char **argv, fetch_options *o, char *err, size_t errlen);

#endif
