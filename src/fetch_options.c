/* fetch_options.c - option tables and checks for fetch, and the network options it shares
 * with linkcheck. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_options.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>


enum {
  KEY_TIMEOUT = 3000, KEY_CONNECT_TIMEOUT, KEY_RETRIES, KEY_METHOD, KEY_MAX_REDIRECTS,
  KEY_USER_AGENT, KEY_MAX_PER_HOST, KEY_HOST_INTERVAL, KEY_INSECURE, KEY_MAX_BYTES,
  KEY_ORDER = 3200, KEY_LATENCY_ROWS,
};

/* One connection and, while a name resolves, the resolver's socket pair per transfer, plus
 * what the process already holds. */
#define FILES_PER_TRANSFER 3
#define FILES_BASE 64

const cli_option fetch_net_options[] = {
  { "backend", 'b', "seq|omp|multi", "seq: one request after another; omp: OpenMP tasks, each "
    "blocking in curl_easy_perform; multi: curl multi event loops (default)" },
  { "concurrency", 'c', "N", "requests in flight per rank (default 100); omp: that many threads; "
    "multi: spread over -t event loops (default 1)" },
  { "timeout", KEY_TIMEOUT, "S", "total deadline of one attempt in seconds, body included" },
  { "connect-timeout", KEY_CONNECT_TIMEOUT, "S", "deadline for the connection (default 10)" },
  { "retries", KEY_RETRIES, "N", "retry 408, 429, 502, 503, 504 and dropped connections N "
    "times, waiting Retry-After or 0.25 s doubling (max 30 s)" },
  { "method", KEY_METHOD, "get|head|head,get", "head,get: HEAD, then GET where HEAD is refused" },
  { "max-redirects", KEY_MAX_REDIRECTS, "N", "redirects to follow (default 10)" },
  { "user-agent", KEY_USER_AGENT, "TEXT", "User-Agent header (default: a desktop browser's)" },
  { "max-per-host", KEY_MAX_PER_HOST, "N", "at most N requests in flight per host (default: no "
    "limit)" },
  { "host-interval", KEY_HOST_INTERVAL, "MS", "at least MS milliseconds between two starts on a "
    "host" },
  { "insecure", KEY_INSECURE, NULL, "accept any TLS certificate" },
  { "max-bytes", KEY_MAX_BYTES, "N", "largest body accepted (default 100 MiB; 1e6, 2^20 ...)" },
  { NULL, 0, NULL, NULL },
};

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

static const cli_option *const fetch_tables[] = { fetch_table, fetch_net_options,
                                                  cli_common_options, NULL };

static const char fetch_usage[] = "fetch [options] URL...  |  fetch [options] -i FILE";
static const char fetch_about[] =
  "Requests every URL (http and https only) and writes one row per URL: index, url, status,\n"
  "bytes, seconds, connect_s, tls_s, first_byte_s (curl's own timers), attempts, redirects,\n"
  "final_url, error_class, error. Under mpirun the list is dealt to the ranks round-robin and\n"
  "rank 0 writes every row in input order. --csv appends the run's summary row.\n"
  "With no URL and no -i: the teaching comparison against the project's local test site\n"
  "(100 requests that each wait 100 ms) with every backend.\n"
  "Exit status: 0 every request answered below 400; 1 some failed; 2 usage or input error;\n"
  "3 system error; 130 / 143 stopped by SIGINT / SIGTERM (the rows of the requests that\n"
  "finished; the summary row is partial).";

static const cli_program fetch_program = { "fetch", fetch_usage, fetch_about, fetch_tables };

const char *fetch_backend_name(int backend)
{
  return backend == FETCH_SEQ ? "seq" : backend == FETCH_OMP ? "omp" : "multi";
}

int fetch_net_take(fetch_config *c, int key, const char *arg, char *err, size_t errlen)
{
  uint64_t v = 0;
  double d = 0;
  int rc;
  switch (key) {
  case 'b':
    if (strcmp(arg, "seq") == 0)
      c->backend = FETCH_SEQ;
    else if (strcmp(arg, "omp") == 0)
      c->backend = FETCH_OMP;
    else if (strcmp(arg, "multi") == 0)
      c->backend = FETCH_MULTI;
    else {
      snprintf(err, errlen, "--backend: '%s' is not seq, omp or multi", arg);
      return CLI_USAGE;
    }
    return CLI_RUN;
  case 'c':
    rc = cli_take_count("concurrency", arg, 1, 100000, &v, err, errlen);
    c->concurrency = (unsigned)v;
    return rc;
  case KEY_TIMEOUT:
    rc = cli_take_seconds("timeout", arg, 0.001, 86400, &d, err, errlen);
    c->timeout_s = d;
    return rc;
  case KEY_CONNECT_TIMEOUT:
    rc = cli_take_seconds("connect-timeout", arg, 0.001, 86400, &d, err, errlen);
    c->connect_timeout_s = d;
    return rc;
  case KEY_RETRIES:
    rc = cli_take_count("retries", arg, 0, 20, &v, err, errlen);
    c->retries = (unsigned)v;
    return rc;
  case KEY_METHOD:
    if (strcmp(arg, "get") == 0)
      c->method = FETCH_GET;
    else if (strcmp(arg, "head") == 0)
      c->method = FETCH_HEAD;
    else if (strcmp(arg, "head,get") == 0)
      c->method = FETCH_HEAD_THEN_GET;
    else {
      snprintf(err, errlen, "--method: '%s' is not get, head or head,get", arg);
      return CLI_USAGE;
    }
    return CLI_RUN;
  case KEY_MAX_REDIRECTS:
    rc = cli_take_count("max-redirects", arg, 0, 100, &v, err, errlen);
    c->max_redirects = (long)v;
    return rc;
  case KEY_USER_AGENT:
    if (strlen(arg) >= sizeof c->user_agent || strpbrk(arg, "\r\n")) {
      snprintf(err, errlen, "--user-agent: longer than %zu bytes or holds a line break",
               sizeof c->user_agent - 1);
      return CLI_USAGE;
    }
    snprintf(c->user_agent, sizeof c->user_agent, "%s", arg);
    return CLI_RUN;
  case KEY_MAX_PER_HOST:
    rc = cli_take_count("max-per-host", arg, 1, 100000, &v, err, errlen);
    c->max_per_host = (unsigned)v;
    return rc;
  case KEY_HOST_INTERVAL:
    rc = cli_take_seconds("host-interval", arg, 0, 3600000, &d, err, errlen);
    c->host_interval_s = d / 1000.0;
    return rc;
  case KEY_INSECURE:
    c->insecure = 1;
    return CLI_RUN;
  case KEY_MAX_BYTES:
    rc = cli_take_count("max-bytes", arg, 1, (uint64_t)1 << 40, &v, err, errlen);
    c->max_bytes = v;
    return rc;
  default:
    return -1;
  }
}

int fetch_take_format(int *format, const char *arg, char *err, size_t errlen)
{
  if (strcmp(arg, "csv") == 0)
    *format = OUT_CSV;
  else if (strcmp(arg, "json") == 0)
    *format = OUT_JSON;
  else {
    snprintf(err, errlen, "--format: '%s' is not csv or json", arg);
    return CLI_USAGE;
  }
  return CLI_RUN;
}

int fetch_check_files(const fetch_config *c, char *err, size_t errlen)
{
  struct rlimit lim;
  unsigned transfers = c->backend == FETCH_SEQ ? 1 : c->concurrency;
  rlim_t need = (rlim_t)transfers * FILES_PER_TRANSFER + FILES_BASE;
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= need)
    return 0;
  rlim_t want = lim.rlim_max == RLIM_INFINITY || lim.rlim_max >= need ? need : lim.rlim_max;
  struct rlimit raised = { want, lim.rlim_max };
  if (want > lim.rlim_cur && setrlimit(RLIMIT_NOFILE, &raised) == 0 && want >= need)
    return 0;
  snprintf(err, errlen, "--concurrency %u needs about %llu open files but the limit is %llu "
           "(raise it with ulimit -n)", transfers, (unsigned long long)need,
           (unsigned long long)(want > lim.rlim_cur ? want : lim.rlim_cur));
  return -1;
}

/* The threads this system lets one more process start: the soft limit on processes (ulimit
 * -u, counted per user) and the kernel's threads-max, whichever is lower. */
static unsigned long long thread_limit(void)
{
  unsigned long long limit = ~0ull, v = 0;
  struct rlimit lim;
  if (getrlimit(RLIMIT_NPROC, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    limit = (unsigned long long)lim.rlim_cur;
  FILE *f = fopen("/proc/sys/kernel/threads-max", "r");
  if (f) {
    if (fscanf(f, "%llu", &v) == 1 && v < limit)
      limit = v;
    fclose(f);
  }
  return limit;
}

int fetch_check_threads(const fetch_config *c, char *err, size_t errlen)
{
  unsigned long long limit = thread_limit();
  if (c->backend != FETCH_OMP || c->concurrency + 64ull <= limit)
    return 0;
  snprintf(err, errlen, "--concurrency %u on the omp backend is %u threads, but this system "
           "allows about %llu (ulimit -u, kernel.threads-max); use --backend multi",
           c->concurrency, c->concurrency, limit);
  return -1;
}

int fetch_options_parse(int argc, char **argv, fetch_options *o, char *err, size_t errlen)
{
  cli_parser p;
  memset(o, 0, sizeof *o);
  run_options_defaults(&o->run);
  fetch_config_defaults(&o->net);
  o->format = OUT_CSV;
  o->order = ORDER_AUTO;
  if (cli_begin(&p, &fetch_program, err, errlen) != CLI_RUN)
    return CLI_USAGE;
  for (;;) {
    int c = cli_next(&p, argc, argv);
    if (c == -1)
      break;
    int rc = fetch_net_take(&o->net, c, optarg, err, errlen);
    if (rc == -1) {
      switch (c) {
      case 'i':
        rc = cli_take_path(o->input, sizeof o->input, "--input", optarg, err, errlen);
        break;
      case 'o':
        rc = cli_take_path(o->output, sizeof o->output, "--output", optarg, err, errlen);
        break;
      case FETCH_KEY_FORMAT:
        rc = fetch_take_format(&o->format, optarg, err, errlen);
        break;
      case KEY_LATENCY_ROWS:
        o->latency_rows = 1;
        rc = CLI_RUN;
        break;
      case KEY_ORDER:
        rc = CLI_RUN;
        if (strcmp(optarg, "input") == 0)
          o->order = ORDER_INPUT;
        else if (strcmp(optarg, "completion") == 0)
          o->order = ORDER_COMPLETION;
        else {
          snprintf(err, errlen, "--order: '%s' is not input or completion", optarg);
          rc = CLI_USAGE;
        }
        break;
      default:
        rc = cli_take_common(&fetch_program, c, argv, &o->run, err, errlen);
        break;
      }
    }
    if (rc != CLI_RUN)
      return rc;
  }
  o->first_url = optind;
  o->url_operands = argc - optind;
  if (o->input[0] && o->url_operands > 0) {
    snprintf(err, errlen, "give URLs as operands or with -i, not both");
    return CLI_USAGE;
  }
  o->net.loops = o->run.threads ? o->run.threads : 1;
  o->net.progress = o->run.progress;
  return CLI_RUN;
}
