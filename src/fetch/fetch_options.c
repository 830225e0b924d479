/* fetch_options.c - fetch's own options (input, output, order, latency rows, the load and the
 * request), its --help text and its checks; the network options come from net_options.c. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_options.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "version.h"

enum { KEY_ORDER = 3200, KEY_LATENCY_ROWS, KEY_RATE, KEY_DURATION };

static const cli_option fetch_table[] = {
  { "input", 'i', "FILE", "URLs, one per line ('-': standard input; '#' lines and blank lines "
    "skipped)" },
  { "output", 'o', "FILE", "write the rows to FILE instead of standard output" },
  { "format", FETCH_KEY_FORMAT, "csv|json", "rows as CSV (default), or one JSON object: "
    "{\"rows\": [...], \"summary\": {...}}" },
  { "order", KEY_ORDER, "input|completion", "rows in input order, or as requests complete "
    "(default: completion on a terminal; always input order on several ranks)" },
  { "latency-rows", KEY_LATENCY_ROWS, NULL, "with --csv: also one results row per URL (unit "
    "request, seconds = its time), for latency plots" },
  { "requests", 'n', "N", "N requests, cycling through the URLs (a load test of one URL or a "
    "list; default: each URL once)" },
  { "rate", KEY_RATE, "R", "open loop: R requests a second over all ranks, evenly spaced; each "
    "latency counts from the request's scheduled start, and a request that found every slot "
    "(-c) busy is late (start_delay_s column)" },
  { "duration", KEY_DURATION, "S", "with --rate: R x S requests (a closed loop takes -n)" },
  { "request", 'X', "GET|HEAD|POST", "the request method (default GET; POST with -d)" },
  { "data", 'd', "TEXT|@FILE", "the POST body, as is (no newline stripped); @FILE: FILE's bytes "
    "(up to 64 MiB, read by rank 0 and sent to every rank)" },
  { NULL, 0, NULL, NULL },
};

static const char fetch_usage[] = "fetch [options] URL...  |  fetch [options] -i FILE";
static const char fetch_about[] =
  "Requests every URL (http and https only) and writes one row per URL: index, url, status,\n"
  "bytes, seconds, connect_s, tls_s, first_byte_s (curl's own timers), attempts, redirects,\n"
  "final_url, error_class, error. Under mpirun rank 0 deals each rank its share (round-robin;\n"
  "by host with --max-per-host or --host-interval, so the limits hold for the whole job) and\n"
  "writes every row in input order as the results come in. --csv appends the summary row.\n"
  "As a load tester: -n N cycles the URLs N times over (closed loop: -c requests in flight),\n"
  "--rate R --duration S holds a rate (open loop); the summary on stderr (and in --format\n"
  "json, {\"rows\": [...], \"summary\": {...}}) gives counts per status and per failure,\n"
  "requests/s, bytes, CPU seconds and latency min/p50/p90/p99/p99.9/max (a log-linear\n"
  "histogram of microseconds, 3 significant digits, over every rank's requests).\n"
  "With no URL and no -i: the teaching comparison against the project's local test site\n"
  "(100 requests that each wait 100 ms) with every backend.\n"
  "Exit status: 0 every request answered below 400; 1 some failed; 2 usage or input error;\n"
  "3 system error; 130 / 143 stopped by SIGINT / SIGTERM (the rows of the requests that\n"
  "finished; the summary row is partial).";

static void fetch_defaults(void *opts)
{
  fetch_options *o = opts;
  fetch_config_defaults(&o->net);
  /* A load tester names itself (as curl, wrk and hey do); linkcheck keeps the browser's. */
  snprintf(o->net.user_agent, sizeof o->net.user_agent, "hpckit-fetch/%s", HPCKIT_VERSION);
  o->format = OUT_CSV;
  o->order = ORDER_AUTO;
}

static int fetch_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const orders[] = { "input", "completion", NULL }; /* from ORDER_INPUT */
  fetch_options *o = opts;
  static const char *const methods[] = { "GET", "HEAD", "POST", NULL };
  static const int method_of[] = { FETCH_GET, FETCH_HEAD, FETCH_POST };
  int order = 0, choice = 0, rc;
  uint64_t v = 0;
  double d = 0;
  switch (key) {
  case 'n':
    rc = cli_take_count("requests", arg, 1, (uint64_t)1 << 32, &v, err, errlen);
    o->requests = v;
    return rc;
  case KEY_RATE:
    rc = cli_take_seconds("rate", arg, 0.001, 1e7, &d, err, errlen);
    o->net.rate = d;
    return rc;
  case KEY_DURATION:
    rc = cli_take_seconds("duration", arg, 0.001, 86400 * 365, &d, err, errlen);
    o->duration_s = d;
    return rc;
  case 'X':
    rc = cli_take_choice("request", arg, methods, &choice, err, errlen);
    o->net.method = method_of[choice];
    o->method_given = 1;
    return rc;
  case 'd':
    if (strlen(arg) >= sizeof o->data) {
      snprintf(err, errlen, "--data: longer than %zu bytes (put it in a file: -d @FILE)",
               sizeof o->data - 1);
      return STATUS_USAGE;
    }
    snprintf(o->data, sizeof o->data, "%s", arg);
    o->data_given = 1;
    return 0;
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
  if (o->duration_s > 0 && o->net.rate <= 0) {
    snprintf(err, errlen, "--duration needs --rate (a closed loop takes -n N requests)");
    return STATUS_USAGE;
  }
  if (o->duration_s > 0 && o->requests > 0) {
    snprintf(err, errlen, "give --duration or -n, not both");
    return STATUS_USAGE;
  }
  if (o->duration_s > 0) {
    double n = o->net.rate * o->duration_s;
    if (n < 0.5 || n > 4294967296.0) {
      snprintf(err, errlen, "--rate %g --duration %g is %.0f requests (1 to 2^32)", o->net.rate,
               o->duration_s, n);
      return STATUS_USAGE;
    }
    o->requests = (uint64_t)llround(n);
  }
  if (o->data_given) {
    if ((o->method_given && o->net.method != FETCH_POST) || o->net.method == FETCH_HEAD ||
        o->net.method == FETCH_HEAD_THEN_GET) {
      snprintf(err, errlen, "--data is a request body: it goes with POST, not %s",
               o->net.method == FETCH_GET ? "GET" : "HEAD");
      return STATUS_USAGE;
    }
    o->net.method = FETCH_POST;
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
