/* net_options.c - the network options fetch and linkcheck share, and the checks of what a
 * concurrency needs from the system (open files, threads). */
#define _POSIX_C_SOURCE 200809L
#include "net_options.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

enum {
  KEY_TIMEOUT = 3000, KEY_CONNECT_TIMEOUT, KEY_RETRIES, KEY_METHOD, KEY_MAX_REDIRECTS,
  KEY_USER_AGENT, KEY_MAX_PER_HOST, KEY_HOST_INTERVAL, KEY_INSECURE, KEY_MAX_BYTES,
  KEY_MAX_RETRY_WAIT, KEY_HTTP1_1, KEY_HTTP2,
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
  { "timeout", KEY_TIMEOUT, "S", "deadline of a request in seconds: body, retries and their "
    "waits included" },
  { "connect-timeout", KEY_CONNECT_TIMEOUT, "S", "deadline for the connection (default 10)" },
  { "retries", KEY_RETRIES, "N", "retry 408, 429, 502, 503, 504 and dropped connections N "
    "times, waiting Retry-After or 0.25 s doubling where it fits in the deadline" },
  { "max-retry-wait", KEY_MAX_RETRY_WAIT, "S", "wait up to S seconds before a retry, past the "
    "deadline (which then bounds each attempt); a longer Retry-After is reported at once" },
  { "method", KEY_METHOD, "get|head|head,get", "head,get: HEAD, then GET where HEAD fails" },
  { "max-redirects", KEY_MAX_REDIRECTS, "N", "redirects to follow (default 10)" },
  { "user-agent", KEY_USER_AGENT, "TEXT", "User-Agent header (default: hpckit-fetch/VERSION for "
    "fetch, a desktop browser's for linkcheck, which servers treat as a reader)" },
  { "header", 'H', "'NAME: VALUE'", "an extra request header (repeatable, 16 at most), sent "
    "with every request to every host: a token goes wherever the links lead" },
  { "max-per-host", KEY_MAX_PER_HOST, "N", "at most N requests in flight per host, over all "
    "ranks (default: no limit)" },
  { "host-interval", KEY_HOST_INTERVAL, "MS", "at least MS milliseconds between two starts on a "
    "host, over all ranks" },
  { "insecure", KEY_INSECURE, NULL, "accept any TLS certificate" },
  { "http1.1", KEY_HTTP1_1, NULL, "HTTP/1.1 only (default: HTTP/2 where an https server "
    "offers it, as libcurl does)" },
  { "http2", KEY_HTTP2, NULL, "HTTP/2: by ALPN over https, by Upgrade over http; HTTP/1.1 "
    "where the server has no HTTP/2" },
  { "max-bytes", KEY_MAX_BYTES, "N", "largest body accepted (default 100 MiB; 1e6, 2^20 ...)" },
  { NULL, 0, NULL, NULL },
};

/* -H 'Name: value': a token before the colon, no line break anywhere (a CR or LF would let the
 * value smuggle in headers or a second request). */
static int take_header(fetch_config *c, const char *arg, char *err, size_t errlen)
{
  size_t name = strcspn(arg, ":");
  int token = name > 0 && arg[name] == ':';
  for (size_t k = 0; token && k < name; k++)
    token = arg[k] > 32 && arg[k] < 127 && !strchr("()<>@,;\\\"/[]?={}", arg[k]);
  if (strpbrk(arg, "\r\n")) { /* not echoed: the message would break over lines too */
    snprintf(err, errlen, "--header: a header holds a line break (CR or LF)");
    return STATUS_USAGE;
  }
  if (!token || arg[name + 1 + strspn(arg + name + 1, " \t")] == '\0') {
    /* an empty value would make libcurl drop the header instead of sending it */
    snprintf(err, errlen, "--header: '%s' is not 'Name: value' with a value", arg);
    return STATUS_USAGE;
  }
  if (c->nheaders == FETCH_HEADERS_MAX || strlen(arg) >= FETCH_HEADER_BYTES) {
    snprintf(err, errlen, "--header: at most %d headers of %d bytes", FETCH_HEADERS_MAX,
             FETCH_HEADER_BYTES - 1);
    return STATUS_USAGE;
  }
  snprintf(c->headers[c->nheaders++], FETCH_HEADER_BYTES, "%s", arg);
  return 0;
}

int fetch_net_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const methods[] = { "get", "head", "head,get", NULL }; /* fetch_method */
  fetch_config *c = opts;
  uint64_t v = 0;
  double d = 0;
  int rc;
  switch (key) {
  case 'b':
    return cli_take_choice("backend", arg, fetch_backend_names, &c->backend, err, errlen);
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
    return cli_take_choice("method", arg, methods, &c->method, err, errlen);
  case KEY_MAX_REDIRECTS:
    rc = cli_take_count("max-redirects", arg, 0, 100, &v, err, errlen);
    c->max_redirects = (long)v;
    return rc;
  case KEY_USER_AGENT:
    if (strlen(arg) >= sizeof c->user_agent || strpbrk(arg, "\r\n")) {
      snprintf(err, errlen, "--user-agent: longer than %zu bytes or holds a line break",
               sizeof c->user_agent - 1);
      return STATUS_USAGE;
    }
    snprintf(c->user_agent, sizeof c->user_agent, "%s", arg);
    return 0;
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
    return 0;
  case KEY_MAX_RETRY_WAIT:
    rc = cli_take_seconds("max-retry-wait", arg, 0, 86400, &d, err, errlen);
    c->max_retry_wait_s = d;
    return rc;
  case 'H':
    return take_header(c, arg, err, errlen);
  case KEY_HTTP1_1:
    c->http = FETCH_HTTP_1_1;
    return 0;
  case KEY_HTTP2:
    c->http = FETCH_HTTP_2;
    return 0;
  default: /* KEY_MAX_BYTES */
    rc = cli_take_count("max-bytes", arg, 1, (uint64_t)1 << 40, &v, err, errlen);
    c->max_bytes = v;
    return rc;
  }
}

int fetch_take_format(int *format, const char *arg, char *err, size_t errlen)
{
  static const char *const formats[] = { "csv", "json", NULL }; /* OUT_CSV, OUT_JSON */
  return cli_take_choice("format", arg, formats, format, err, errlen);
}

int fetch_check_files(const fetch_config *c, char *err, size_t errlen)
{
  struct rlimit lim;
  unsigned transfers = fetch_transfers(c);
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
  return STATUS_USAGE;
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
  return STATUS_USAGE;
}

void net_options_finish(fetch_config *c, const run_options *run)
{
  c->loops = run->threads ? run->threads : 1;
  c->progress = run->progress;
}

