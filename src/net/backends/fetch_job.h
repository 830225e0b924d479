/* fetch_job.h - what the backends of fetch_run share while a list runs: the URLs, the host
 * limits, the next URL to start, and the one door results leave by (serialised, counted,
 * shown on the progress line), and the interface each backend fills. Internal to fetch.c and
 * backends/. */
#ifndef SRC_FETCH_JOB_H
#define SRC_FETCH_JOB_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

#include "fetch.h"
#include "fetch_hosts.h"

typedef struct fetch_backend_ops fetch_backend_ops;

typedef struct fetch_job {
  const fetch_config *cfg;
  const fetch_backend_ops *ops; /* cfg's backend */
  const char *const *urls;
  size_t n;
  fetch_hosts hosts;
  CURLSH *share;       /* DNS cache and TLS sessions shared by threads; NULL on one thread */
  struct curl_slist *headers; /* cfg's extra request headers; NULL for none */
  atomic_size_t next;  /* the next URL index to start (multi loops pull from it) */
  const uint64_t *place; /* open loop: urls[i] is request place[i] of the job; NULL: i */
  double due0;         /* open loop: when request 0 of the job is due (clock_now()) */
  fetch_done_fn *done;
  void *ctx;
  pthread_mutex_t done_lock;
  size_t finished, failed;
  double t0, last_progress;
} fetch_job;

/* Open loop: when request i is due (clock_now() seconds); closed loop: 0, at once. */
double fetch_job_due(const fetch_job *j, size_t i);

/* Hands one finished request to the caller's callback, under the job's lock. */
void fetch_job_deliver(fetch_job *j, size_t i, fetch_result *r);

/* A way of running a list: the backends fetch_run chooses from by fetch_config.backend. Their
 * names are fetch_backend_names[], in the same order. */
struct fetch_backend_ops {
  unsigned (*in_flight)(const fetch_config *c); /* requests in flight at once */
  unsigned (*threads)(const fetch_config *c);   /* threads performing them */
  int (*run)(fetch_job *j); /* 0, or STATUS_SYSTEM after a message (no handle or thread) */
};

extern const fetch_backend_ops fetch_backend_seq, fetch_backend_omp; /* backends/blocking.c */
extern const fetch_backend_ops fetch_backend_multi;                 /* backends/event_loop.c */

#endif
