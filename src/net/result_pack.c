/* result_pack.c - fixed-size fields copied as they are (both ends are this build), strings
 * as a 32-bit length (0: NULL) and their bytes with the NUL. */
#define _POSIX_C_SOURCE 200809L
#include "result_pack.h"

#include <stdlib.h>
#include <string.h>

/* The fixed-size part, one struct so that packing is one append. */
typedef struct packed_fields {
  uint64_t index;
  long status, redirects;
  unsigned attempts;
  int error, retry_after, html;
  uint64_t bytes, received;
  double seconds, connect_s, tls_s, first_byte_s, start_delay, latency;
} packed_fields;

/* A body (a digest, any bytes): a 64-bit length and the bytes. */
static int put_blob(buffer *b, const char *p, size_t n)
{
  uint64_t len = p ? (uint64_t)n : 0;
  return buffer_append(b, &len, sizeof len) != 0 || buffer_append(b, p, (size_t)len) != 0
           ? STATUS_SYSTEM
           : 0;
}

static int put_str(buffer *b, const char *s)
{
  uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0;
  return buffer_append(b, &n, sizeof n) != 0 || buffer_append(b, s, n) != 0 ? STATUS_SYSTEM
                                                                             : 0;
}

int result_pack(buffer *b, uint64_t index, const fetch_result *r)
{
  packed_fields f;
  memset(&f, 0, sizeof f); /* padding too: the bytes go over the wire */
  f.index = index;
  f.status = r->status;
  f.redirects = r->redirects;
  f.attempts = r->attempts;
  f.error = r->error;
  f.retry_after = r->retry_after;
  f.html = r->html;
  f.bytes = r->bytes;
  f.received = r->received;
  f.seconds = r->seconds;
  f.start_delay = r->start_delay;
  f.latency = r->latency;
  f.connect_s = r->connect_s;
  f.tls_s = r->tls_s;
  f.first_byte_s = r->first_byte_s;
  if (buffer_append(b, &f, sizeof f) != 0 || put_str(b, r->final_url) != 0 ||
      put_str(b, r->message[0] ? r->message : NULL) != 0 ||
      put_blob(b, r->body, r->body_len) != 0)
    return STATUS_SYSTEM;
  return 0;
}

/* The string at *p: NULL for length 0; *ok cleared when it is cut short or lacks its NUL. */
static const char *take_str(const char **p, const char *end, int *ok)
{
  uint32_t n;
  if (end - *p < (long)sizeof n) {
    *ok = 0;
    return NULL;
  }
  memcpy(&n, *p, sizeof n);
  *p += sizeof n;
  if (n == 0)
    return NULL;
  if ((size_t)(end - *p) < n || (*p)[n - 1] != '\0') {
    *ok = 0;
    return NULL;
  }
  const char *s = *p;
  *p += n;
  return s;
}

int result_unpack(const char **p, const char *end, uint64_t *index, fetch_result *r)
{
  packed_fields f;
  int ok = 1;
  memset(r, 0, sizeof *r);
  if (end - *p < (long)sizeof f)
    return STATUS_FAILED;
  memcpy(&f, *p, sizeof f);
  *p += sizeof f;
  const char *url = take_str(p, end, &ok), *msg = take_str(p, end, &ok);
  uint64_t body_len = 0;
  if (!ok || end - *p < (long)sizeof body_len)
    return STATUS_FAILED;
  memcpy(&body_len, *p, sizeof body_len);
  *p += sizeof body_len;
  if ((uint64_t)(end - *p) < body_len)
    return STATUS_FAILED;
  const char *body = *p;
  *p += body_len;
  *index = f.index;
  r->status = f.status;
  r->redirects = f.redirects;
  r->attempts = f.attempts;
  r->error = f.error;
  r->retry_after = f.retry_after;
  r->html = f.html;
  r->bytes = f.bytes;
  r->received = f.received;
  r->seconds = f.seconds;
  r->start_delay = f.start_delay;
  r->latency = f.latency;
  r->connect_s = f.connect_s;
  r->tls_s = f.tls_s;
  r->first_byte_s = f.first_byte_s;
  if (msg)
    memcpy(r->message, msg, strnlen(msg, sizeof r->message - 1));
  if (url && !(r->final_url = strdup(url)))
    return STATUS_SYSTEM;
  if (body_len > 0) { /* NUL-ended, as a kept body is */
    r->body = malloc((size_t)body_len + 1);
    if (!r->body)
      return STATUS_SYSTEM;
    memcpy(r->body, body, (size_t)body_len);
    r->body[body_len] = '\0';
    r->body_len = (size_t)body_len;
  }
  return 0;
}
