/* fetch_transfer.h - one request's attempts on an easy handle, the part every backend shares:
 * set the handle up for an attempt, read the outcome into a fetch_result, and decide whether
 * and when to try again (transient failures, Retry-After, HEAD refused so GET instead), all
 * within the request's deadline. */
#ifndef SRC_FETCH_TRANSFER_H
#define SRC_FETCH_TRANSFER_H

#include <curl/curl.h>

#include "fetch.h"

typedef struct fetch_attempt {
  const fetch_config *cfg;
  const char *url;
  unsigned number;    /* 1 for the first attempt */
  unsigned retried;   /* retries used (a switch from HEAD to GET is not one) */
  int head;           /* this attempt asks with HEAD */
  int stopped;        /* status_only: the body was cut on purpose once the status was known */
  int capped;         /* the body passed max_bytes */
  int not_run;        /* the URL was refused before curl saw it */
  int html;           /* the answer being received is text/html */
  int location;       /* the headers being received hold a Location */
  int started;        /* the first attempt was set up: deadline and first_start hold */
  double deadline;    /* clock_now() by which the request ends, retries included */
  double due;         /* open loop: when the request was scheduled to start; 0: at once */
  double first_start; /* clock_now() when its first attempt was set up */
  CURL *e;            /* the handle of the attempt running */
  uint64_t bytes, received;
  char *body;
  size_t body_len, body_cap;
  char errbuf[CURL_ERROR_SIZE];
} fetch_attempt;

/* An easy handle and what it was last set up for. The options that stay the same from one
 * request to the next are set once, when the handle is first used (libcurl keeps them, and
 * its connections, DNS cache and TLS sessions), as a bare libcurl loop would: a full reset
 * and some twenty options per request cost more than the request itself on a fast server. */
typedef struct transfer_handle {
  CURL *e;
  int ready;                     /* the options of the run are set */
  const fetch_attempt *attempt;  /* the attempt the callbacks point at */
  int head;                      /* NOBODY and FORBID_REUSE as set for a HEAD */
} transfer_handle;

/* Starts a request's first attempt. */
void transfer_begin(fetch_attempt *a, const fetch_config *cfg, const char *url);

/* Sets h up for attempt a (share: DNS and TLS sessions shared between threads, or NULL;
 * headers: the extra request headers, or NULL; both the same for every request on h).
 * Returns 0; 1 when a's URL is malformed (the reason in a->errbuf: finish with
 * CURLE_URL_MALFORMAT); STATUS_SYSTEM after a message when libcurl refused an option. */
int transfer_setup(transfer_handle *h, fetch_attempt *a, CURLSH *share,
                   struct curl_slist *headers);

/* Reads attempt a's outcome (curl returned rc) into r. Returns the seconds to wait before the
 * next attempt (a is then ready for it), or -1 when r is the request's final result. */
double transfer_finish(CURL *e, CURLcode rc, fetch_attempt *a, fetch_result *r);

/* Frees what a still owns. */
void transfer_end(fetch_attempt *a);

#endif
