/* fetch_hosts.c - the host table (keys from curl's URL parser, so "HTTP://Example.com" and
 * "http://example.com:80/" are one host) and its semaphore and pace under one mutex. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_hosts.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "strmap.h"

void fetch_host_key(CURLU *u, const char *url, char *key, size_t n)
{
  char *scheme = NULL, *host = NULL, *port = NULL;
  key[0] = '\0';
  if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
    snprintf(key, n, "%s://%s:%s", scheme, host, port);
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  for (char *p = key; *p; p++)
    *p = (char)tolower((unsigned char)*p);
}

int fetch_hosts_init(fetch_hosts *h, const fetch_config *c, const char *const *urls, size_t n)
{
  memset(h, 0, sizeof *h);
  h->max = c->max_per_host;
  h->interval = c->host_interval_s;
  h->enabled = h->max > 0 || h->interval > 0;
  clock_cond_init(&h->changed);
  pthread_mutex_init(&h->lock, NULL);
  if (!h->enabled)
    return 0;

  int rc = -1;
  strmap keys;
  strmap_init(&keys);
  CURLU *u = curl_url();
  h->host_of = malloc((n ? n : 1) * sizeof *h->host_of);
  h->hosts = calloc(n ? n : 1, sizeof *h->hosts);
  if (!u || !h->host_of || !h->hosts)
    goto out;
  for (size_t i = 0; i < n; i++) {
    char key[1024];
    fetch_host_key(u, urls[i], key, sizeof key);
    h->host_of[i] = strmap_put(&keys, key, keys.len);
    if (h->host_of[i] == (size_t)-1)
      goto out;
  }
  rc = 0;
out:
  curl_url_cleanup(u);
  strmap_free(&keys);
  return rc;
}

void fetch_hosts_free(fetch_hosts *h)
{
  pthread_mutex_destroy(&h->lock);
  pthread_cond_destroy(&h->changed);
  free(h->host_of);
  free(h->hosts);
  memset(h, 0, sizeof *h);
}

/* Under the lock: 0 and counted when URL i may start now, else -1 and *wait_s (0 when only a
 * release can free a place). */
static int take(fetch_hosts *h, size_t i, double now, double *wait_s)
{
  fetch_host_state *s = &h->hosts[h->host_of[i]];
  if (h->max > 0 && s->active >= h->max) {
    *wait_s = 0;
    return -1;
  }
  if (now < s->next_start) {
    *wait_s = s->next_start - now;
    return -1;
  }
  s->active++;
  s->next_start = now + h->interval;
  return 0;
}

void fetch_hosts_acquire(fetch_hosts *h, size_t i)
{
  if (!h->enabled)
    return;
  pthread_mutex_lock(&h->lock);
  double wait;
  while (take(h, i, clock_now(), &wait) != 0) {
    if (wait <= 0) {
      pthread_cond_wait(&h->changed, &h->lock);
      continue;
    }
    struct timespec until = clock_deadline(wait);
    pthread_cond_timedwait(&h->changed, &h->lock, &until);
  }
  pthread_mutex_unlock(&h->lock);
}

int fetch_hosts_try(fetch_hosts *h, size_t i, double *wait_s)
{
  if (!h->enabled)
    return 0;
  pthread_mutex_lock(&h->lock);
  int rc = take(h, i, clock_now(), wait_s);
  pthread_mutex_unlock(&h->lock);
  return rc;
}

void fetch_hosts_release(fetch_hosts *h, size_t i)
{
  if (!h->enabled)
    return;
  pthread_mutex_lock(&h->lock);
  h->hosts[h->host_of[i]].active--;
  pthread_cond_broadcast(&h->changed);
  pthread_mutex_unlock(&h->lock);
}
