/* blocking.c - the two blocking backends: seq performs the URLs one after another on
 * one easy handle (the baseline); omp makes one OpenMP task per URL and runs them on
 * `concurrency` threads, each task blocking in curl_easy_perform (the thread-pool model).
 * Each thread owns one easy handle for the whole run, so its connections are reused from one
 * task to the next and no handle is ever used by two threads. */
#define _POSIX_C_SOURCE 200809L
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "fetch_job.h"
#include "fetch_transfer.h"
#include "stop.h"

/* Sleeps until clock_now() reaches t, in slices short enough to notice a SIGINT / SIGTERM that
 * another thread received. */
static void wait_until(double t)
{
  double left = t - clock_now();
  while (left > 0 && !stop_requested()) {
    clock_sleep(left < 0.1 ? left : 0.1);
    left = t - clock_now();
  }
}

/* Every attempt of URL i on handle h, the waits between them included. */
static void perform_one(fetch_job *j, transfer_handle *h, size_t i)
{
  fetch_attempt a;
  fetch_result r = { 0 };
  transfer_begin(&a, j->cfg, j->urls[i]);
  a.due = fetch_job_due(j, i);
  wait_until(a.due); /* open loop: its time (a SIGINT cuts the wait short) */
  if (stop_requested()) /* a SIGINT / SIGTERM: no new request starts */
    return;
  fetch_hosts_acquire(&j->hosts, i);
  int final = 0;
  while (!stop_requested()) {
    int set = transfer_setup(h, &a, j->share, j->headers);
    CURLcode rc = set == 0 ? curl_easy_perform(h->e) : set == 1 ? CURLE_URL_MALFORMAT
                                                                : CURLE_FAILED_INIT;
    double wait = transfer_finish(h->e, rc, &a, &r);
    if (wait < 0) {
      final = 1;
      break;
    }
    wait_until(clock_now() + wait); /* a Retry-After; a SIGINT cuts it short */
  }
  fetch_hosts_release(&j->hosts, i);
  transfer_end(&a);
  if (final)
    fetch_job_deliver(j, i, &r);
  else /* stopped between attempts: no result, as the event loop drops a waiting retry */
    fetch_result_free(&r);
}

/* An omp task's request; *outstanding counts the paced loop's tasks not yet done. */
static void perform_task(fetch_job *j, transfer_handle *h, size_t i, atomic_size_t *outstanding)
{
  perform_one(j, h, i);
  atomic_fetch_sub(outstanding, 1);
}

static unsigned one(const fetch_config *c)
{
  (void)c;
  return 1;
}

static unsigned concurrency(const fetch_config *c)
{
  return c->concurrency;
}

/* seq on one thread, omp on one thread per request in flight. In an open loop the thread that
 * makes the tasks makes each when it is due and a thread is free for it, so they start in
 * order, late only when every thread is busy; it is one thread more, which only paces: with
 * no more tasks than free threads it never runs one (tasks made ahead of time would start in
 * whatever order the runtime picks, and a thread that took a later one would sleep while an
 * earlier one waits; at a task scheduling point the maker would run one itself). */
static int run_blocking(fetch_job *j)
{
  int threads = (int)j->ops->threads(j->cfg);
  if ((size_t)threads > j->n)
    threads = (int)j->n; /* a thread with no URL to fetch would only cost its start-up */
  int paced = j->cfg->rate > 0 && threads > 1;
  threads += paced;
  transfer_handle *handles = calloc((size_t)threads, sizeof *handles);
  int rc = STATUS_SYSTEM;
  if (!handles) {
    fprintf(stderr, "out of memory for %d curl handles\n", threads);
    goto out;
  }
  for (int t = 0; t < threads; t++) {
    handles[t].e = curl_easy_init();
    if (!handles[t].e) {
      fprintf(stderr, "curl_easy_init failed\n");
      goto out;
    }
  }
  atomic_size_t outstanding;
  atomic_init(&outstanding, 0);
  if (threads == 1) {
    for (size_t i = 0; i < j->n && !stop_requested(); i++)
      perform_one(j, &handles[0], i);
  } else if (paced) {
    size_t workers = (size_t)threads - 1;
    omp_set_dynamic(0); /* the thread count is the concurrency asked for, not a hint */
#pragma omp parallel num_threads(threads)
#pragma omp single
    {
      for (size_t i = 0; i < j->n && !stop_requested(); i++) {
        wait_until(fetch_job_due(j, i));
        while (atomic_load(&outstanding) >= workers) /* every thread busy: this one is late */
          clock_sleep(0.0001);
        atomic_fetch_add(&outstanding, 1);
#pragma omp task firstprivate(i)
        perform_task(j, &handles[omp_get_thread_num()], i, &outstanding);
      }
      while (atomic_load(&outstanding) > 0) /* a sleep is no scheduling point: no task here */
        clock_sleep(0.0005);
    }
  } else {
    omp_set_dynamic(0); /* the thread count is the concurrency asked for, not a hint */
#pragma omp parallel num_threads(threads)
#pragma omp single
    for (size_t i = 0; i < j->n && !stop_requested(); i++) {
#pragma omp task firstprivate(i)
      perform_one(j, &handles[omp_get_thread_num()], i);
    }
  }
  rc = 0;
out:
  for (int t = 0; handles && t < threads; t++)
    curl_easy_cleanup(handles[t].e);
  free(handles);
  return rc;
}

const fetch_backend_ops fetch_backend_seq = { one, one, run_blocking };
const fetch_backend_ops fetch_backend_omp = { concurrency, concurrency, run_blocking };
