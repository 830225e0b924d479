/* fetch_job.h - what the backends of fetch_run share while a list runs: the URLs, the host
 * limits, the next URL to start, and the one door results leave by (serialised, counted,
 * shown on the progress line). Internal to fetch_*.c. */
#ifndef SRC_FETCH_JOB_H
#define SRC_FETCH_JOB_H

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

#include "fetch.h"
#include "fetch_hosts.h"

typedef struct fetch_job {
  const fetch_config *cfg;
  const char *const *urls;
  size_t n;
  fetch_hosts hosts;
  CURLSH *share;       /* DNS cache and TLS sessions shared by threads; NULL on one thread */
  atomic_size_t next;  /* the next URL index to start (multi loops pull from it) */
  fetch_done_fn *done;
  void *ctx;
  pthread_mutex_t done_lock;
  size_t finished, failed;
  double t0, last_progress;
} fetch_job;

/* Hands one finished request to the caller's callback, under the job's lock. */
void fetch_job_deliver(fetch_job *j, size_t i, fetch_result *r);

/* The backends. Return 0, or -1 after a message when handles or threads cannot be made. */
int fetch_backend_blocking(fetch_job *j); /* seq and omp */
int fetch_backend_multi(fetch_job *j);

#endif
