/* fetch_reference.c - the bare libcurl multi loop that scripts/bench_fetch measures
 * `fetch --backend multi` against: the least a C programmer would write to fetch a list of URLs.
 * One multi handle keeps N transfers in flight (curl_multi_poll); N easy handles are set up
 * once and each is reused for the next URL (so connections are kept; only CURLOPT_URL and
 * CURLOPT_PRIVATE change per transfer, no curl_easy_reset); redirects are followed and the
 * whole body is read, counted and discarded. No retries, no timeouts, no per-host limits.
 *
 *   fetch_reference [N] < urls.txt > rows.csv
 *
 * Reads one URL per line on stdin (default N = 100) and prints a header, then
 * "index,status,bytes,seconds,curl_result" per URL as it finishes (index: the URL's line among
 * the non-empty ones, from 0; status 0: no answer; seconds: CURLINFO_TOTAL_TIME_T; curl_result:
 * libcurl's CURLcode, 0 ok), then "N requests in S s" on stderr.
 * Exit status: 0 done, 2 usage, 3 system error.
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror scripts/fetch_reference.c -lcurl */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reference_input.h"

/* Reports a failed curl call with its place and goes to the function's one exit. */
#define CHECK(call)                                                                      \
  do {                                                                                   \
    if ((call) != 0) {                                                                   \
      fprintf(stderr, "fetch_reference: %s:%d: %s failed\n", __FILE__, __LINE__, #call); \
      goto out;                                                                          \
    }                                                                                    \
  } while (0)

typedef struct slot {
  CURL *easy;
  size_t url;       /* index into the list of the URL in flight */
  curl_off_t bytes; /* body bytes of the final response (libcurl skips redirects' bodies) */
} slot;

/* The body is counted, not kept: the cost of reading it is what is measured. */
static size_t count_body(char *data, size_t size, size_t n, void *userp)
{
  (void)data;
  ((slot *)userp)->bytes += (curl_off_t)(size * n);
  return size * n;
}

/* Points s at urls[k] and hands it to the multi handle; returns 0 or -1. */
static int start(CURLM *multi, slot *s, char **urls, size_t k)
{
  s->url = k;
  s->bytes = 0;
  if (curl_easy_setopt(s->easy, CURLOPT_URL, urls[k]) != CURLE_OK ||
      curl_easy_setopt(s->easy, CURLOPT_PRIVATE, s) != CURLE_OK)
    return -1;
  return curl_multi_add_handle(multi, s->easy) == CURLM_OK ? 0 : -1;
}

int main(int argc, char **argv)
{
  unsigned long n = 100;
  if (argc > 2 || (argc > 1 && parse_count(argv[1], 100000, &n) != 0)) {
    fprintf(stderr, "usage: fetch_reference [N] < urls.txt\n");
    return 2;
  }
  int rc = 3;
  char **urls = NULL;
  slot *slots = NULL;
  CURLM *multi = NULL;
  long count = read_urls(&urls);
  size_t next = 0, done = 0, used = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (count < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "fetch_reference: out of memory or no libcurl\n");
    return 3;
  }
  used = (size_t)count < n ? (size_t)count : n;
  slots = calloc(used ? used : 1, sizeof *slots);
  multi = curl_multi_init();
  if (!slots || !multi)
    goto out;
  if (printf("index,status,bytes,seconds,curl_result\n") < 0)
    goto out;
  for (size_t k = 0; k < used; k++) {
    slot *s = &slots[k];
    s->easy = curl_easy_init();
    if (!s->easy)
      goto out;
    CHECK(curl_easy_setopt(s->easy, CURLOPT_WRITEFUNCTION, count_body));
    CHECK(curl_easy_setopt(s->easy, CURLOPT_WRITEDATA, s));
    CHECK(curl_easy_setopt(s->easy, CURLOPT_FOLLOWLOCATION, 1L));
    CHECK(curl_easy_setopt(s->easy, CURLOPT_MAXREDIRS, 10L));
    CHECK(curl_easy_setopt(s->easy, CURLOPT_NOSIGNAL, 1L));
    CHECK(start(multi, s, urls, next++));
  }
  while (done < (size_t)count) {
    int running, left;
    CHECK(curl_multi_perform(multi, &running));
    for (CURLMsg *m = curl_multi_info_read(multi, &left); m;
         m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE)
        continue;
      char *priv;
      long status = 0;
      curl_off_t usec = 0;
      CURLcode res = m->data.result;
      CHECK(curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv));
      slot *s = (slot *)priv;
      CHECK(curl_easy_getinfo(s->easy, CURLINFO_RESPONSE_CODE, &status));
      CHECK(curl_easy_getinfo(s->easy, CURLINFO_TOTAL_TIME_T, &usec));
      printf("%zu,%ld,%" CURL_FORMAT_CURL_OFF_T ",%.6f,%d\n", s->url, status, s->bytes,
             (double)usec / 1e6, (int)res);
      done++;
      CHECK(curl_multi_remove_handle(multi, s->easy));
      if (next < (size_t)count)
        CHECK(start(multi, s, urls, next++));
    }
    if (done < (size_t)count)
      CHECK(curl_multi_poll(multi, NULL, 0, 1000, NULL));
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  fprintf(stderr, "fetch_reference: %zu requests in %.3f s\n", done,
          (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  rc = fflush(stdout) == 0 ? 0 : 3;
out:
  for (size_t k = 0; slots && k < used; k++) {
    if (slots[k].easy && multi)
      curl_multi_remove_handle(multi, slots[k].easy);
    curl_easy_cleanup(slots[k].easy);
  }
  curl_multi_cleanup(multi);
  free(slots);
  for (long k = 0; k < count; k++)
    free(urls[k]);
  free(urls);
  curl_global_cleanup();
  return rc;
}
