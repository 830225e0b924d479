/* fetch_transfer.c - easy-handle options, curl's result codes mapped to the error classes,
 * curl's own timers, and the retry policy. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_transfer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "status.h"
#include "stop.h"

/* Notes a refused curl_easy_setopt in *failed, reporting the first with the option's name. */
static void setopt_check(CURLcode rc, int line, const char *opt, int *failed)
{
  if (rc == CURLE_OK || *failed)
    return;
  fprintf(stderr, "%s:%d: curl_easy_setopt(%s): %s\n", __FILE__, line, opt,
          curl_easy_strerror(rc));
  *failed = 1;
}

/* Every curl_easy_setopt checked; the caller looks at *failed once, after the last option
 * (an option set after a refused one does no harm). */
#define SETOPT(failed, e, opt, val) \
  setopt_check(curl_easy_setopt((e), (opt), (val)), __LINE__, #opt, (failed))

void transfer_begin(fetch_attempt *a, const fetch_config *cfg, const char *url)
{
  memset(a, 0, sizeof *a);
  a->cfg = cfg;
  a->url = url;
  a->number = 1;
  a->head = cfg->method != FETCH_GET;
}

void transfer_end(fetch_attempt *a)
{
  free(a->body);
  a->body = NULL;
  a->body_len = a->body_cap = 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *p)
{
  fetch_attempt *a = p;
  size_t n = size * nmemb;
  if (a->cfg->status_only) { /* the answer's status is all we need: don't pay for the body */
    a->stopped = 1;
    return 0;
  }
  if (a->bytes + n > a->cfg->max_bytes) {
    a->capped = 1;
    return 0;
  }
  a->bytes += n;
  if (!a->cfg->keep_body)
    return n;
  if (buffer_grow(&a->body, &a->body_cap, a->body_len + n + 1, 1) != 0)
    return 0; /* curl reports a write error: the request fails, the run goes on */
  memcpy(a->body + a->body_len, data, n);
  a->body_len += n;
  a->body[a->body_len] = '\0';
  return n;
}

/* A URL curl's parser accepts as it stands: a scheme it knows, no guessing of one ("example.com"
 * would otherwise become http://example.com). Returns 0, or -1 with the reason in errbuf. */
static int url_ok(const char *url, char *errbuf)
{
  CURLU *u = curl_url();
  CURLUcode rc = u ? curl_url_set(u, CURLUPART_URL, url, 0) : CURLUE_OUT_OF_MEMORY;
  curl_url_cleanup(u);
  if (rc == CURLUE_OK)
    return 0;
  snprintf(errbuf, CURL_ERROR_SIZE, "not a URL: %s", curl_url_strerror(rc));
  return -1;
}

/* curl calls this at least once a second during a transfer: a non-zero return aborts it, so
 * a SIGINT / SIGTERM (stop.h) ends blocking transfers too. */
static int on_progress(void *p, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
  (void)p;
  (void)dltotal;
  (void)dlnow;
  (void)ultotal;
  (void)ulnow;
  return stop_requested();
}

int transfer_setup(CURL *e, fetch_attempt *a, CURLSH *share)
{
  const fetch_config *c = a->cfg;
  int failed = 0;
  a->bytes = 0;
  a->body_len = 0;
  a->stopped = a->capped = 0;
  a->errbuf[0] = '\0';
  a->not_run = 1; /* until the handle is ready */
  if (url_ok(a->url, a->errbuf) != 0)
    return 1;
  curl_easy_reset(e); /* keeps the handle's connections, DNS cache and TLS sessions */
  SETOPT(&failed, e, CURLOPT_URL, a->url);
  SETOPT(&failed, e, CURLOPT_NOSIGNAL, 1L);
  SETOPT(&failed, e, CURLOPT_PROTOCOLS_STR, "http,https");
  SETOPT(&failed, e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  SETOPT(&failed, e, CURLOPT_FOLLOWLOCATION, 1L);
  SETOPT(&failed, e, CURLOPT_MAXREDIRS, c->max_redirects);
  SETOPT(&failed, e, CURLOPT_TIMEOUT_MS, (long)(c->timeout_s * 1000));
  SETOPT(&failed, e, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout_s * 1000));
  SETOPT(&failed, e, CURLOPT_USERAGENT, c->user_agent);
  SETOPT(&failed, e, CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
  SETOPT(&failed, e, CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
  SETOPT(&failed, e, CURLOPT_NOBODY, a->head ? 1L : 0L);
  SETOPT(&failed, e, CURLOPT_WRITEFUNCTION, on_body);
  SETOPT(&failed, e, CURLOPT_WRITEDATA, a);
  SETOPT(&failed, e, CURLOPT_ERRORBUFFER, a->errbuf);
  SETOPT(&failed, e, CURLOPT_PRIVATE, a);
  SETOPT(&failed, e, CURLOPT_NOPROGRESS, 0L);
  SETOPT(&failed, e, CURLOPT_XFERINFOFUNCTION, on_progress);
  if (!c->status_only)
    SETOPT(&failed, e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_bytes);
  if (share)
    SETOPT(&failed, e, CURLOPT_SHARE, share);
  /* Each omp thread's handle keeps its own idle connections, so `concurrency` threads would
   * hold that many connections to a host however few requests are in flight: a limit per
   * host must also close each connection after its request. */
  if (c->backend == FETCH_OMP && c->max_per_host > 0)
    SETOPT(&failed, e, CURLOPT_FORBID_REUSE, 1L);
  if (failed)
    return STATUS_SYSTEM;
  a->not_run = 0;
  return 0;
}

static int error_of(CURLcode rc, const fetch_attempt *a, long status, long redirects)
{
  switch (rc) {
  case CURLE_OK:
    return FETCH_OK;
  case CURLE_WRITE_ERROR:
    if (a->stopped)
      return FETCH_OK;
    return a->capped ? FETCH_E_TOO_LARGE : FETCH_E_OTHER;
  case CURLE_FILESIZE_EXCEEDED:
    return FETCH_E_TOO_LARGE;
  case CURLE_URL_MALFORMAT:
    return FETCH_E_BAD_URL;
  case CURLE_UNSUPPORTED_PROTOCOL: /* the URL's own scheme, or a redirect to a forbidden one */
    return status == 0 && redirects == 0 ? FETCH_E_BAD_URL : FETCH_E_PROTOCOL;
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return FETCH_E_DNS;
  case CURLE_COULDNT_CONNECT:
    return FETCH_E_REFUSED;
  case CURLE_OPERATION_TIMEDOUT:
    return FETCH_E_TIMEOUT;
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_USE_SSL_FAILED:
    return FETCH_E_TLS;
  case CURLE_TOO_MANY_REDIRECTS:
    return FETCH_E_REDIRECTS;
  case CURLE_GOT_NOTHING:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_WEIRD_SERVER_REPLY:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
  case CURLE_HTTP3:
  case CURLE_PARTIAL_FILE:
  case CURLE_BAD_CONTENT_ENCODING:
    return FETCH_E_PROTOCOL;
  default:
    return FETCH_E_OTHER;
  }
}

static double seconds_of(CURL *e, CURLINFO what)
{
  curl_off_t us = 0;
  return curl_easy_getinfo(e, what, &us) == CURLE_OK ? (double)us / 1e6 : 0.0;
}

/* Worth asking again: the server said "later", or dropped the connection unanswered. A
 * timeout is not retried: the deadline is the user's bound on the whole wait. */
static int transient(const fetch_result *r)
{
  long s = r->status;
  return s == 408 || s == 429 || s == 502 || s == 503 || s == 504 ||
         (r->error == FETCH_E_PROTOCOL && s == 0);
}

double transfer_finish(CURL *e, CURLcode rc, fetch_attempt *a, fetch_result *r)
{
  const fetch_config *c = a->cfg;
  long status = 0, redirects = 0, header_bytes = 0;
  curl_off_t body = 0, retry_after = 0;
  char *url = NULL;
  if (!a->not_run) { /* else the handle still describes its previous request */
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(e, CURLINFO_REDIRECT_COUNT, &redirects);
    curl_easy_getinfo(e, CURLINFO_HEADER_SIZE, &header_bytes);
    curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &body);
    curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &retry_after);
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &url);
  }

  a->received += (uint64_t)header_bytes + (uint64_t)(body > 0 ? body : 0);
  free(r->final_url);
  memset(r, 0, sizeof *r);
  r->status = status;
  r->redirects = redirects;
  r->attempts = a->number;
  r->retry_after = retry_after > 0;
  r->error = error_of(rc, a, status, redirects);
  r->bytes = a->bytes;
  r->received = a->received;
  if (!a->not_run) {
    r->seconds = seconds_of(e, CURLINFO_TOTAL_TIME_T);
    r->connect_s = seconds_of(e, CURLINFO_CONNECT_TIME_T);
    r->tls_s = seconds_of(e, CURLINFO_APPCONNECT_TIME_T);
    r->first_byte_s = seconds_of(e, CURLINFO_STARTTRANSFER_TIME_T);
  }
  r->final_url = url ? strdup(url) : NULL;
  if (r->error != FETCH_OK)
    snprintf(r->message, sizeof r->message, "%s",
             a->errbuf[0] ? a->errbuf : curl_easy_strerror(rc));
  if (r->error == FETCH_E_TOO_LARGE)
    snprintf(r->message, sizeof r->message, "body larger than %llu bytes",
             (unsigned long long)c->max_bytes);

  /* Many servers answer HEAD wrongly (405, 404, a dropped connection): ask again with GET. */
  if (a->head && c->method == FETCH_HEAD_THEN_GET &&
      ((status >= 400 && status != 429 && status != 503) ||
       (status == 0 && r->error == FETCH_E_PROTOCOL))) {
    a->head = 0;
    a->number++;
    return 0.0;
  }
  if (a->retried < c->retries && transient(r)) {
    double wait = retry_after > 0 ? (double)retry_after : 0.25 * (double)(1u << a->retried);
    a->retried++;
    a->number++;
    return wait < c->max_retry_wait_s ? wait : c->max_retry_wait_s;
  }
  if (c->keep_body && r->error == FETCH_OK) {
    r->body = a->body;
    r->body_len = a->body_len;
    a->body = NULL;
    a->body_len = a->body_cap = 0;
  }
  return -1.0;
}
