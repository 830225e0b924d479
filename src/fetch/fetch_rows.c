/* fetch_rows.c - the row columns, in one place for both formats. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_rows.h"

#define COLUMNS "index,url,status,bytes,seconds,connect_s,tls_s,first_byte_s,attempts," \
                "redirects,final_url,error_class,error"

void fetch_rows_begin(row_stream *w, FILE *out, int json, int open_loop)
{
  *w = (row_stream){ .out = out, .json = json, .json_object = 1,
                     .header = open_loop ? COLUMNS ",start_delay_s,latency_s" : COLUMNS };
  row_stream_begin(w);
}

void fetch_rows_write(row_stream *w, size_t index, const char *url, const fetch_result *r,
                      int open_loop)
{
  row_begin(w);
  row_uint(w, "index", index);
  row_text(w, "url", url);
  if (r->status > 0)
    row_uint(w, "status", (unsigned long long)r->status);
  else
    row_text(w, "status", NULL);
  row_uint(w, "bytes", r->bytes);
  row_micro(w, "seconds", r->seconds);
  row_micro(w, "connect_s", r->connect_s);
  row_micro(w, "tls_s", r->tls_s);
  row_micro(w, "first_byte_s", r->first_byte_s);
  row_uint(w, "attempts", r->attempts);
  row_uint(w, "redirects", r->redirects > 0 ? (unsigned long long)r->redirects : 0);
  row_text(w, "final_url", r->final_url);
  row_text(w, "error_class", r->error ? fetch_error_name(r->error) : NULL);
  row_text(w, "error", r->error ? r->message : NULL);
  if (open_loop) {
    row_micro(w, "start_delay_s", r->start_delay);
    row_micro(w, "latency_s", r->latency);
  }
  row_end(w);
}
