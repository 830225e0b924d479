/* fetch.c - fetch_run: the job every backend shares (host limits, the shared DNS and TLS
 * cache, the serialised delivery of results, the progress line), the defaults, and the
 * names of the error classes. */
#define _POSIX_C_SOURCE 200809L
#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "fetch_job.h"
#include "stop.h"

#define PROGRESS_INTERVAL 0.25

/* What the teaching code sent: many servers refuse or mislead clients that look like bots. */
static const char browser_agent[] =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
  "Chrome/120.0 Safari/537.36";

const char *const fetch_backend_names[] = { [FETCH_SEQ] = "seq", [FETCH_OMP] = "omp",
                                            [FETCH_MULTI] = "multi", NULL };

/* The backends by enum fetch_backend, in the order of their names. */
static const fetch_backend_ops *const backends[] = {
  [FETCH_SEQ] = &fetch_backend_seq,
  [FETCH_OMP] = &fetch_backend_omp,
  [FETCH_MULTI] = &fetch_backend_multi,
};

const char *fetch_backend_name(int backend)
{
  return fetch_backend_names[backend];
}

unsigned fetch_transfers(const fetch_config *c)
{
  return backends[c->backend]->in_flight(c);
}

void fetch_config_defaults(fetch_config *c)
{
  *c = (fetch_config){
    .backend = FETCH_MULTI, .concurrency = 100, .loops = 1, .timeout_s = 30,
    .connect_timeout_s = 10, .retries = 0, .max_retry_wait_s = -1, .method = FETCH_GET,
    .max_redirects = 10, .max_bytes = (uint64_t)100 << 20,
  };
  snprintf(c->user_agent, sizeof c->user_agent, "%s", browser_agent);
}

const char *fetch_error_name(int error)
{
  static const char *const names[FETCH_ERROR_COUNT] = {
    "ok", "bad url", "dns", "refused", "timeout", "tls", "too many redirects", "protocol",
    "too large", "other",
  };
  return error >= 0 && error < FETCH_ERROR_COUNT ? names[error] : "other";
}

int fetch_failed(const fetch_result *r)
{
  return r->error != FETCH_OK || r->status == 0 || r->status >= 400;
}

void fetch_result_free(fetch_result *r)
{
  free(r->final_url);
  free(r->body);
  r->final_url = NULL;
  r->body = NULL;
}

void fetch_job_deliver(fetch_job *j, size_t i, fetch_result *r)
{
  /* After a SIGINT / SIGTERM a request that failed was most likely cut short by the stop,
   * not by the server: it is left out rather than reported as a failure. */
  if (stop_requested() && r->error != FETCH_OK) {
    fetch_result_free(r);
    return;
  }
  pthread_mutex_lock(&j->done_lock);
  j->finished++;
  j->failed += fetch_failed(r) != 0;
  j->done(j->ctx, i, r);
  double now = clock_now();
  if (j->cfg->progress && (now - j->last_progress >= PROGRESS_INTERVAL || j->finished == j->n)) {
    j->last_progress = now;
    fprintf(stderr, "\r%zu/%zu done, %zu failed, %.0f requests/s ", j->finished, j->n, j->failed,
            j->finished / (now - j->t0 > 0 ? now - j->t0 : 1e-9));
    if (j->finished == j->n)
      fputc('\n', stderr);
  }
  pthread_mutex_unlock(&j->done_lock);
  fetch_result_free(r);
}

static void share_lock(CURL *e, curl_lock_data data, curl_lock_access access, void *p)
{
  (void)e;
  (void)access;
  pthread_mutex_lock(&((pthread_mutex_t *)p)[data]);
}

static void share_unlock(CURL *e, curl_lock_data data, void *p)
{
  (void)e;
  pthread_mutex_unlock(&((pthread_mutex_t *)p)[data]);
}

/* DNS answers and TLS sessions shared between threads, one mutex per kind of data, as
 * libcurl's share interface documents. Connections are not shared: libcurl lists sharing the
 * connection pool between concurrent threads as a known bug; each thread's handle keeps its
 * own and reuses them from one request to the next. */
static CURLSH *make_share(pthread_mutex_t *locks)
{
  CURLSH *s = curl_share_init();
  if (!s)
    return NULL;
  for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
    pthread_mutex_init(&locks[i], NULL);
  if (curl_share_setopt(s, CURLSHOPT_LOCKFUNC, share_lock) != CURLSHE_OK ||
      curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, share_unlock) != CURLSHE_OK ||
      curl_share_setopt(s, CURLSHOPT_USERDATA, locks) != CURLSHE_OK ||
      curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK ||
      curl_share_setopt(s, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
    curl_share_cleanup(s);
    return NULL;
  }
  return s;
}

double fetch_job_due(const fetch_job *j, size_t i)
{
  if (j->cfg->rate <= 0)
    return 0;
  return j->due0 + (double)(j->place ? j->place[i] : i) / j->cfg->rate;
}

int fetch_run(const fetch_config *c, const char *const *urls, size_t n, fetch_done_fn *done,
              void *ctx)
{
  return fetch_run_at(c, urls, n, NULL, clock_now(), done, ctx);
}

int fetch_run_at(const fetch_config *c, const char *const *urls, size_t n,
                 const uint64_t *place, double t0, fetch_done_fn *done, void *ctx)
{
  fetch_job j;
  pthread_mutex_t locks[CURL_LOCK_DATA_LAST];
  int rc = STATUS_SYSTEM;

  if (n == 0)
    return 0;
  memset(&j, 0, sizeof j);
  j.cfg = c;
  j.ops = backends[c->backend];
  j.urls = urls;
  j.n = n;
  j.done = done;
  j.ctx = ctx;
  j.place = place;
  j.due0 = t0;
  atomic_init(&j.next, 0);
  pthread_mutex_init(&j.done_lock, NULL);
  j.t0 = j.last_progress = clock_now();
  if (fetch_hosts_init(&j.hosts, c, urls, n) != 0) {
    fprintf(stderr, "out of memory for the host table\n");
    goto out;
  }
  for (unsigned k = 0; k < c->nheaders; k++) {
    struct curl_slist *more = curl_slist_append(j.headers, c->headers[k]);
    if (!more) {
      fprintf(stderr, "out of memory for the request headers\n");
      goto out;
    }
    j.headers = more;
  }
  if (j.ops->threads(c) > 1) {
    j.share = make_share(locks);
    if (!j.share) {
      fprintf(stderr, "curl_share_init failed\n");
      goto out;
    }
  }
  rc = j.ops->run(&j);
out:
  if (j.share) {
    curl_share_cleanup(j.share);
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
      pthread_mutex_destroy(&locks[i]);
  }
  curl_slist_free_all(j.headers);
  fetch_hosts_free(&j.hosts);
  pthread_mutex_destroy(&j.done_lock);
  return rc;
}
