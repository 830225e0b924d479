/* fetch_options.c - fetch's own options (input, output, order, latency rows), its --help
 * text and its checks; the network options come from net_options.c. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_options.h"

#include <stdio.h>
#include <string.h>

enum { KEY_ORDER = 3200, KEY_LATENCY_ROWS };

static const cli_option fetch_table[] = {
  { "input", 'i', "FILE", "URLs, one per line ('-': standard input; '#' lines and blank lines "
    "skipped)" },
  { "output", 'o', "FILE", "write the rows to FILE instead of standard output" },
  { "format", FETCH_KEY_FORMAT, "csv|json", "rows as CSV (default) or one JSON array" },
  { "order", KEY_ORDER, "input|completion", "rows in input order, or as requests complete "
    "(default: completion on a terminal; always input order on several ranks)" },
  { "latency-rows", KEY_LATENCY_ROWS, NULL, "with --csv: also one results row per URL (unit "
    "request, seconds = its time), for latency plots" },
  { NULL, 0, NULL, NULL },
};

static const char fetch_usage[] = "fetch [options] URL...  |  fetch [options] -i FILE";
static const char fetch_about[] =
  "Requests every URL (http and https only) and writes one row per URL: index, url, status,\n"
  "bytes, seconds, connect_s, tls_s, first_byte_s (curl's own timers), attempts, redirects,\n"
  "final_url, error_class, error. Under mpirun rank 0 deals each rank its share (round-robin;\n"
  "by host with --max-per-host or --host-interval, so the limits hold for the whole job) and\n"
  "writes every row in input order as the results come in. --csv appends the summary row.\n"
  "With no URL and no -i: the teaching comparison against the project's local test site\n"
  "(100 requests that each wait 100 ms) with every backend.\n"
  "Exit status: 0 every request answered below 400; 1 some failed; 2 usage or input error;\n"
  "3 system error; 130 / 143 stopped by SIGINT / SIGTERM (the rows of the requests that\n"
  "finished; the summary row is partial).";

static void fetch_defaults(void *opts)
{
  fetch_options *o = opts;
  fetch_config_defaults(&o->net);
  o->format = OUT_CSV;
  o->order = ORDER_AUTO;
}

static int fetch_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const orders[] = { "input", "completion", NULL }; /* from ORDER_INPUT */
  fetch_options *o = opts;
  int order = 0, rc;
  switch (key) {
  case 'i':
    return cli_take_path(o->input, sizeof o->input, "--input", arg, err, errlen);
  case 'o':
    return cli_take_path(o->output, sizeof o->output, "--output", arg, err, errlen);
  case FETCH_KEY_FORMAT:
    return fetch_take_format(&o->format, arg, err, errlen);
  case KEY_LATENCY_ROWS:
    o->latency_rows = 1;
    return 0;
  default: /* KEY_ORDER */
    rc = cli_take_choice("order", arg, orders, &order, err, errlen);
    o->order = ORDER_INPUT + order;
    return rc;
  }
}

static int fetch_finish(void *opts, int argc, char **argv, int first, char *err, size_t errlen)
{
  fetch_options *o = opts;
  (void)argv;
  o->first_url = first;
  o->url_operands = argc - first;
  if (o->input[0] && o->url_operands > 0) {
    snprintf(err, errlen, "give URLs as operands or with -i, not both");
    return STATUS_USAGE;
  }
  net_options_finish(&o->net, &o->run);
  return 0;
}

const cli_program fetch_program = {
  .name = "fetch", .usage = fetch_usage, .about = fetch_about, .options = fetch_table,
  .take = fetch_take, .shared = NET_OPTIONS_TABLE(fetch_options, net),
  .size = sizeof(fetch_options), .run_offset = offsetof(fetch_options, run),
  .unplaced = 1, .defaults = fetch_defaults, .finish = fetch_finish,
};
