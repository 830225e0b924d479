/* fetch.h - many HTTP requests at once with libcurl: what a request is allowed to do
 * (fetch_config), what came back (fetch_result), and fetch_run, which performs a list of URLs
 * with one of three backends: seq (one after another), omp (OpenMP tasks around blocking
 * curl_easy_perform, the thread-pool model) and multi (curl multi handles driven by epoll,
 * the event-loop model). fetch and linkcheck both sit on this. */
#ifndef SRC_FETCH_H
#define SRC_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

enum fetch_backend { FETCH_SEQ, FETCH_OMP, FETCH_MULTI };
/* Their names, as --backend takes them, in that order; NULL-ended. */
extern const char *const fetch_backend_names[];
enum fetch_method { FETCH_GET, FETCH_HEAD, FETCH_HEAD_THEN_GET, FETCH_POST };
enum fetch_http { FETCH_HTTP_ANY, FETCH_HTTP_1_1, FETCH_HTTP_2 }; /* ANY: libcurl's default */

#define FETCH_HEADERS_MAX 16 /* -H: extra request headers */
#define FETCH_HEADER_BYTES 512

typedef struct fetch_result fetch_result;

/* Turns a kept HTML body into what the caller needs of it (linkcheck: the page's links and
 * anchors), on the thread and rank that fetched it: r->body and r->body_len are replaced by a
 * malloc'd digest (any bytes), so that only the digest travels between ranks. Returns 0, or -1
 * when memory ran out (the body is then dropped). */
typedef int fetch_digest_fn(fetch_result *r, int flags);

/* Why a request failed below HTTP; FETCH_OK when an answer arrived whole. */
enum fetch_error {
  FETCH_OK,
  FETCH_E_BAD_URL,   /* malformed, or a scheme other than http and https */
  FETCH_E_DNS,       /* the host name does not resolve */
  FETCH_E_REFUSED,   /* nothing listens (or the host is unreachable) */
  FETCH_E_TIMEOUT,   /* the total deadline or the connect timeout passed */
  FETCH_E_TLS,       /* handshake or certificate */
  FETCH_E_REDIRECTS, /* more redirects than allowed, or a loop */
  FETCH_E_PROTOCOL,  /* closed without an answer, a malformed answer, a forbidden redirect */
  FETCH_E_TOO_LARGE, /* the body passed the size cap */
  FETCH_E_OTHER,
  FETCH_ERROR_COUNT
};

typedef struct fetch_config {
  int backend;             /* enum fetch_backend */
  unsigned concurrency;    /* transfers in flight (per rank); omp: threads */
  unsigned loops;          /* multi: event-loop threads sharing the transfers */
  double timeout_s;        /* deadline of a request, whatever the server does: its retries and
                            * waits included (each attempt's, with max_retry_wait_s >= 0) */
  double connect_timeout_s;
  unsigned retries;        /* extra attempts after a transient failure */
  double max_retry_wait_s; /* longest wait before a retry, Retry-After included; a longer one
                            * is not waited: the answer is the result. < 0: what is left of
                            * the request's deadline */
  int method;              /* enum fetch_method */
  int http;                /* enum fetch_http */
  const char *data;        /* FETCH_POST: the request body, data_len bytes (may hold NULs). A
                            * pointer: set it on every rank, never send it */
  size_t data_len;
  double rate;             /* open loop: requests per second over the whole job, spread
                            * evenly (fetch_run_at places them); 0: closed loop */
  long max_redirects;
  char user_agent[256];
  unsigned max_per_host;   /* 0: no limit */
  double host_interval_s;  /* least time between starts on one host; 0: none */
  int insecure;            /* 1: accept any certificate */
  uint64_t max_bytes;      /* body cap */
  int keep_body;           /* 1: fetch_result.body holds the body (linkcheck's pages) */
  int body_if_html;        /* 1: keep the body of a 2xx text/html answer only; stop any other
                            * once its status is known */
  int status_only;         /* 1: stop once the final status is known (linkcheck's links) */
  int progress;            /* a status line on stderr */
  char headers[FETCH_HEADERS_MAX][FETCH_HEADER_BYTES]; /* "Name: value", no CR or LF */
  unsigned nheaders;
  fetch_digest_fn *digest; /* NULL: bodies as they came. A function's address differs between
                            * processes: set it on every rank, never send it */
  int digest_flags;        /* digest's second argument */
} fetch_config;

/* The defaults fetch starts from (linkcheck changes a few). */
void fetch_config_defaults(fetch_config *c);

struct fetch_result {
  long status;           /* final HTTP status; 0 when no answer came */
  long redirects;
  unsigned attempts;
  int error;             /* enum fetch_error */
  int retry_after;       /* the seconds the last answer's Retry-After asked for; 0: none */
  int html;              /* body_if_html: the final answer was a 2xx text/html (or XHTML) */
  uint64_t bytes;        /* body bytes of the final answer */
  uint64_t received;     /* header and body bytes over every attempt */
  double seconds, connect_s, tls_s, first_byte_s; /* curl's timers, last attempt */
  double start_delay;    /* open loop: how late the first attempt started after its scheduled
                          * time (seconds, >= 0); 0 in a closed loop */
  double latency;        /* seconds from the scheduled start (open loop) or the first
                          * attempt's start (closed) to the final result (a refused URL's
                          * too): every attempt and wait between them included, as curl's
                          * last-attempt time is not */
  char *final_url;       /* malloc'd; NULL when curl had none */
  char message[256];     /* curl's error text; "" when error is FETCH_OK */
  char *body;            /* keep_body: malloc'd, NUL-terminated; else NULL */
  size_t body_len;
};

/* Receives each finished request; calls are serialised, so the callee needs no lock. It may
 * take r->final_url and r->body (setting them to NULL); fetch_run frees what is left. */
typedef void fetch_done_fn(void *ctx, size_t index, fetch_result *r);

/* Performs urls[0..n) with c's backend and options, calling done once per URL in completion
 * order. Returns 0, or STATUS_SYSTEM after a message on stderr when libcurl or threads could
 * not be set up (requests that fail are results, not errors). */
int fetch_run(const fetch_config *c, const char *const *urls, size_t n, fetch_done_fn *done,
              void *ctx);

/* fetch_run in an open loop (c->rate > 0): urls[k] is request place[k] of the whole job
 * (NULL: k), scheduled to start at t0 + place[k] / c->rate on clock_now()'s clock; a request
 * starts at its time or, when every slot is busy, as soon as one frees (its start_delay says
 * how late). In a closed loop the same as fetch_run. */
int fetch_run_at(const fetch_config *c, const char *const *urls, size_t n,
                 const uint64_t *place, double t0, fetch_done_fn *done, void *ctx);

/* "seq", "omp", "multi". */
const char *fetch_backend_name(int backend);

/* Requests c's backend has in flight at once: 1 for seq, else the concurrency. */
unsigned fetch_transfers(const fetch_config *c);

/* "ok", "bad url", "dns", ...: the names rows carry. */
const char *fetch_error_name(int error);

/* A request failed: no answer, or an HTTP status of 400 or more. */
int fetch_failed(const fetch_result *r);

/* Frees r's strings. */
void fetch_result_free(fetch_result *r);

#endif
