/* fetch_hosts.h - politeness per host: at most max_per_host requests in flight on one host (a
 * counting semaphore) and at least host_interval seconds between two starts there (a pace).
 * Blocking acquire for the thread backends, try-acquire for the event loop. A host is the
 * scheme, name and port of a URL. Thread-safe. */
#ifndef SRC_FETCH_HOSTS_H
#define SRC_FETCH_HOSTS_H

#include <curl/curl.h>
#include <pthread.h>
#include <stddef.h>

#include "fetch.h"

typedef struct fetch_host_state {
  unsigned active;
  double next_start; /* clock_now() seconds */
} fetch_host_state;

typedef struct fetch_hosts {
  int enabled; /* 0: no limits set, every call returns at once */
  unsigned max;
  double interval;
  size_t *host_of; /* URL index -> host */
  fetch_host_state *hosts;
  pthread_mutex_t lock;
  pthread_cond_t changed; /* on the monotonic clock */
} fetch_hosts;

/* URL's host as "scheme://host:port" in lower case (curl's parser, through u), or "" for a URL
 * curl cannot parse; key holds n bytes. */
void fetch_host_key(CURLU *u, const char *url, char *key, size_t n);

/* Builds the host table for urls[0..n). Returns 0 or -1 (out of memory). */
int fetch_hosts_init(fetch_hosts *h, const fetch_config *c, const char *const *urls, size_t n);
void fetch_hosts_free(fetch_hosts *h);

/* Waits until URL i may start on its host, then counts it in flight there. */
void fetch_hosts_acquire(fetch_hosts *h, size_t i);

/* Counts URL i in flight and returns 0 when it may start now; else returns -1 and sets *wait_s
 * to how long before it is worth asking again. */
int fetch_hosts_try(fetch_hosts *h, size_t i, double *wait_s);

/* URL i is no longer in flight. */
void fetch_hosts_release(fetch_hosts *h, size_t i);

#endif
