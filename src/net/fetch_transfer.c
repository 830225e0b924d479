/* fetch_transfer.c - easy-handle options, curl's result codes mapped to the error classes,
 * curl's own timers, and the retry policy. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_transfer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buffer.h"
#include "clock.h"
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
  a->head = cfg->method == FETCH_HEAD || cfg->method == FETCH_HEAD_THEN_GET;
}

void transfer_end(fetch_attempt *a)
{
  free(a->body);
  a->body = NULL;
  a->body_len = a->body_cap = 0;
}

/* The answer on e is a page to read: a 2xx with Content-Type text/html or XHTML. */
static int html_answer(CURL *e)
{
  char *type = NULL;
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &type);
  return status >= 200 && status < 300 && type &&
         (strncasecmp(type, "text/html", 9) == 0 ||
          strncasecmp(type, "application/xhtml+xml", 21) == 0);
}

/* The body is not wanted: the status is all we need, or the page is not HTML. */
static int body_unwanted(const fetch_attempt *a)
{
  return a->cfg->status_only || (a->cfg->body_if_html && !a->html);
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *p)
{
  fetch_attempt *a = p;
  size_t n = size * nmemb;
  /* The answer's status is all we need: don't pay for the body. Cutting it makes libcurl close
   * the connection, so no later request waits behind the rest of it. (on_header cuts it
   * sooner; this catches an answer without a blank line after its headers.) */
  if (body_unwanted(a)) {
    a->stopped = 1;
    return 0;
  }
  if (a->bytes + n > a->cfg->max_bytes) {
    a->capped = 1;
    return 0;
  }
  a->bytes += n;
  if (!a->cfg->keep_body && !a->html)
    return n;
  if (buffer_grow(&a->body, &a->body_cap, a->body_len + n + 1, 1) != 0)
    return 0; /* curl reports a write error: the request fails, the run goes on */
  memcpy(a->body + a->body_len, data, n);
  a->body_len += n;
  a->body[a->body_len] = '\0';
  return n;
}

/* Each header line of each answer. At the end of a final answer's headers (not an interim
 * 1xx, not a redirect curl follows) an unwanted body is cut there and then: a server that
 * sends its headers at once and the body late (a streaming handler) must not cost the
 * deadline of a link whose status is known. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *p)
{
  fetch_attempt *a = p;
  size_t n = size * nmemb;
  if (n >= 9 && strncasecmp(data, "location:", 9) == 0)
    a->location = 1;
  if (!(n == 2 && data[0] == '\r') && !(n == 1 && data[0] == '\n'))
    return n;
  long status = 0;
  curl_off_t length = -1;
  curl_easy_getinfo(a->e, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(a->e, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  int followed = status >= 300 && status < 400 && a->location;
  a->location = 0; /* the next answer's headers start */
  if (status < 200 || followed || a->head || status == 204 || status == 304)
    return n; /* 204 and 304 have no body: the exchange ends here, the connection stays */
  if (a->cfg->body_if_html)
    a->html = html_answer(a->e);
  if (length != 0 && body_unwanted(a)) { /* an empty body ends the exchange: the connection
                                           * stays reusable */
    a->stopped = 1;
    return 0;
  }
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

/* The milliseconds attempt a may take: the request's deadline is its whole budget unless the
 * user lets it wait (--max-retry-wait), when each attempt has the whole timeout. */
static long attempt_ms(const fetch_attempt *a)
{
  double s = a->cfg->max_retry_wait_s >= 0 ? a->cfg->timeout_s : a->deadline - clock_now();
  return s * 1000 < 1 ? 1 : (long)(s * 1000);
}

/* A URL that starts "http://" or "https://" needs no check before curl sees it: curl guesses no
 * scheme for it, and where it is malformed curl refuses it (CURLE_URL_MALFORMAT), whose reason
 * transfer_finish then asks url_ok for. */
static int has_scheme(const char *url)
{
  return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

/* The run's transfers read the headers as they come: only a body that may be cut needs it. */
static int reads_headers(const fetch_config *c)
{
  return c->status_only || c->body_if_html;
}

/* No connection is reused after an exchange on it. After a HEAD nothing tells when the server
 * is done with the request: a handler may run on after the headers (a streaming endpoint),
 * and a request sent next on that connection would wait behind it until its deadline, a
 * wrong "timeout" for a link that answers at once; so linkcheck's checks reuse a connection
 * only after an exchange known to be complete (a load of fetch -X HEAD keeps its connections,
 * as curl would). And each omp thread's handle keeps its own idle connections, so
 * `concurrency` threads would hold that many connections to a host however few requests are
 * in flight: a limit per host must also close each connection after its request. */
static int forbid_reuse(const fetch_config *c, int head)
{
  return (head && (c->status_only || c->method == FETCH_HEAD_THEN_GET)) ||
         (c->backend == FETCH_OMP && c->max_per_host > 0);
}

/* The options of the whole run, set once per handle (for a GET: forbid_reuse's). */
static void set_run_options(CURL *e, const fetch_config *c, CURLSH *share,
                            struct curl_slist *headers, int *failed)
{
  static const long versions[] = { [FETCH_HTTP_ANY] = CURL_HTTP_VERSION_NONE,
                                   [FETCH_HTTP_1_1] = CURL_HTTP_VERSION_1_1,
                                   [FETCH_HTTP_2] = CURL_HTTP_VERSION_2_0 };
  SETOPT(failed, e, CURLOPT_NOSIGNAL, 1L);
  SETOPT(failed, e, CURLOPT_PROTOCOLS_STR, "http,https");
  SETOPT(failed, e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  SETOPT(failed, e, CURLOPT_FOLLOWLOCATION, 1L);
  SETOPT(failed, e, CURLOPT_MAXREDIRS, c->max_redirects);
  SETOPT(failed, e, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout_s * 1000));
  SETOPT(failed, e, CURLOPT_USERAGENT, c->user_agent);
  SETOPT(failed, e, CURLOPT_SSL_VERIFYPEER, c->insecure ? 0L : 1L);
  SETOPT(failed, e, CURLOPT_SSL_VERIFYHOST, c->insecure ? 0L : 2L);
  SETOPT(failed, e, CURLOPT_HTTP_VERSION, versions[c->http]);
  SETOPT(failed, e, CURLOPT_WRITEFUNCTION, on_body);
  if (reads_headers(c))
    SETOPT(failed, e, CURLOPT_HEADERFUNCTION, on_header);
  /* The event loop sees a SIGINT itself; a blocking transfer only through this callback. */
  if (c->backend != FETCH_MULTI) {
    SETOPT(failed, e, CURLOPT_NOPROGRESS, 0L);
    SETOPT(failed, e, CURLOPT_XFERINFOFUNCTION, on_progress);
  }
  if (!c->status_only)
    SETOPT(failed, e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_bytes);
  if (c->method == FETCH_POST) {
    SETOPT(failed, e, CURLOPT_POSTFIELDS, c->data ? c->data : "");
    SETOPT(failed, e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)c->data_len);
  }
  if (share)
    SETOPT(failed, e, CURLOPT_SHARE, share);
  if (headers)
    SETOPT(failed, e, CURLOPT_HTTPHEADER, headers);
  SETOPT(failed, e, CURLOPT_FORBID_REUSE, forbid_reuse(c, 0) ? 1L : 0L);
}

int transfer_setup(transfer_handle *h, fetch_attempt *a, CURLSH *share,
                   struct curl_slist *headers)
{
  const fetch_config *c = a->cfg;
  CURL *e = h->e;
  int failed = 0;
  a->bytes = 0;
  a->body_len = 0;
  a->stopped = a->capped = a->html = a->location = 0;
  a->e = e;
  if (!a->started) { /* the budget starts with the first attempt, not while it waited for
                      * its host (--max-per-host, --host-interval) or its turn (--rate) */
    a->started = 1;
    a->first_start = clock_now();
    a->deadline = a->first_start + c->timeout_s;
  }
  a->errbuf[0] = '\0';
  a->not_run = 1; /* until the handle is ready */
  if (!has_scheme(a->url) && url_ok(a->url, a->errbuf) != 0)
    return 1;
  if (!h->ready) {
    set_run_options(e, c, share, headers, &failed);
    h->ready = !failed;
  }
  if (h->attempt != a) { /* the callbacks' data: the attempt this handle now serves */
    SETOPT(&failed, e, CURLOPT_WRITEDATA, a);
    /* Without a header function libcurl gives the headers to the write function with this
     * as its data: only the header function may have it, or on_body counts them as body. */
    if (reads_headers(c))
      SETOPT(&failed, e, CURLOPT_HEADERDATA, a);
    SETOPT(&failed, e, CURLOPT_ERRORBUFFER, a->errbuf);
    SETOPT(&failed, e, CURLOPT_PRIVATE, a);
    h->attempt = failed ? NULL : a;
  }
  if (h->head != a->head) { /* HEAD and GET ask differently, and may reuse differently */
    SETOPT(&failed, e, CURLOPT_NOBODY, a->head ? 1L : 0L);
    SETOPT(&failed, e, CURLOPT_FORBID_REUSE, forbid_reuse(c, a->head) ? 1L : 0L);
    h->head = a->head;
  }
  SETOPT(&failed, e, CURLOPT_URL, a->url);
  SETOPT(&failed, e, CURLOPT_TIMEOUT_MS, attempt_ms(a));
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
  r->retry_after = retry_after > 0 ? (retry_after < 1 << 30 ? (int)retry_after : 1 << 30) : 0;
  r->html = a->html; /* decided at the end of the headers, where body_if_html asks it */
  r->error = error_of(rc, a, status, redirects);
  if (a->due > 0 && a->started && a->first_start > a->due)
    r->start_delay = a->first_start - a->due;
  r->bytes = a->bytes;
  r->received = a->received;
  if (!a->not_run) {
    r->seconds = seconds_of(e, CURLINFO_TOTAL_TIME_T);
    r->connect_s = seconds_of(e, CURLINFO_CONNECT_TIME_T);
    r->tls_s = seconds_of(e, CURLINFO_APPCONNECT_TIME_T);
    r->first_byte_s = seconds_of(e, CURLINFO_STARTTRANSFER_TIME_T);
  }
  if (rc == CURLE_URL_MALFORMAT && redirects == 0) { /* the URL itself (not a Location): its
                                                    * reason, not curl's "bad/illegal format" */
    url = NULL;
    url_ok(a->url, a->errbuf);
  }
  r->final_url = url ? strdup(url) : NULL;
  if (r->error != FETCH_OK)
    snprintf(r->message, sizeof r->message, "%s",
             a->errbuf[0] ? a->errbuf : curl_easy_strerror(rc));
  if (r->error == FETCH_E_TOO_LARGE)
    snprintf(r->message, sizeof r->message, "body larger than %llu bytes",
             (unsigned long long)c->max_bytes);

  /* The time a wait may take: what the user allows, or what is left of the deadline less a
   * quarter of the timeout (at most 1 s) for the attempt after it. */
  double rest = a->deadline - clock_now();
  double left = c->max_retry_wait_s >= 0
                  ? c->max_retry_wait_s
                  : rest - (c->timeout_s < 4 ? c->timeout_s / 4 : 1.0);
  /* Many servers answer HEAD wrongly (405, 404, 403, a dropped connection): any answer but
   * "later" and any failure a GET could mend is asked again with GET, at once, while the
   * deadline has time left (a HEAD that timed out has spent it). */
  int time_left = c->max_retry_wait_s >= 0 || rest > 0.001;
  if (a->head && c->method == FETCH_HEAD_THEN_GET && time_left &&
      ((status >= 400 && status != 429 && !(status == 503 && retry_after > 0)) ||
       r->error == FETCH_E_PROTOCOL || r->error == FETCH_E_OTHER)) {
    a->head = 0;
    a->number++;
    return 0.0;
  }
  if (a->retried < c->retries && transient(r)) {
    double wait = retry_after > 0 ? (double)retry_after : 0.25 * (double)(1u << a->retried);
    if (wait <= left) { /* else not waited: the answer ("rate limited") is the result */
      a->retried++;
      a->number++;
      return wait;
    }
  }
  if (a->started)
    r->latency = clock_now() - (a->due > 0 ? a->due : a->first_start);
  if ((c->keep_body || a->html) && r->error == FETCH_OK && a->body) {
    r->body = a->body;
    r->body_len = a->body_len;
    a->body = NULL;
    a->body_len = a->body_cap = 0;
    if (c->digest && c->digest(r, c->digest_flags) != 0) { /* not a page without links */
      free(r->body);
      r->body = NULL;
      r->body_len = 0;
      r->error = FETCH_E_OTHER;
      snprintf(r->message, sizeof r->message, "out of memory reading the page");
    }
  }
  return -1.0;
}
