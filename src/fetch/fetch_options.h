/* fetch_options.h - fetch's command line: its own options (input, output, order, latency
 * rows, the load: -n, --rate, --duration, the request: -X, -d) beside the network options it
 * shares with linkcheck (net_options.h). Rank 0 parses; the struct is broadcast as bytes, so
 * the pointers of fetch_config (the body, the digest) are set on every rank after that. */
#ifndef SRC_FETCH_OPTIONS_H
#define SRC_FETCH_OPTIONS_H

#include <stddef.h>

#include "cli.h"
#include "fetch.h"
#include "net_options.h"

enum { ORDER_AUTO, ORDER_INPUT, ORDER_COMPLETION };

typedef struct fetch_options {
  run_options run;
  fetch_config net;
  char input[1024];  /* -i: a file of URLs, "-" for stdin; "" for none */
  char output[1024]; /* -o: "" for stdout */
  int format, order;
  int latency_rows;  /* --latency-rows: a results row per URL as well as the summary */
  uint64_t requests; /* -n: requests, cycling the list; 0: each URL once (or rate x duration) */
  double duration_s; /* --duration: with --rate, rate x duration requests; 0: none */
  int method_given;  /* -X was on the command line */
  char data[1024];   /* -d: the body's text, or "@FILE"; "" for none (rank 0 reads FILE) */
  int data_given;
  int first_url;     /* argv index of the first URL operand */
  int url_operands;  /* how many */
} fetch_options;

/* The command line of fetch, for cli_parse (rank 0) or runtime_main. */
extern const cli_program fetch_program;

#endif
