/* fetch_rows.c - the row columns, in one place for both formats. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_rows.h"

static const char header[] = "index,url,status,bytes,seconds,connect_s,tls_s,first_byte_s,"
                             "attempts,redirects,final_url,error_class,error";

void fetch_rows_begin(row_stream *w, FILE *out, int json)
{
  *w = (row_stream){ .out = out, .json = json, .header = header };
  row_stream_begin(w);
}

void fetch_rows_write(row_stream *w, size_t index, const char *url, const fetch_result *r)
{
  row_begin(w);
  row_number(w, "index", "%zu", index);
  row_text(w, "url", url);
  if (r->status)
    row_number(w, "status", "%ld", r->status);
  else
    row_text(w, "status", NULL);
  row_number(w, "bytes", "%llu", (unsigned long long)r->bytes);
  row_number(w, "seconds", "%.6f", r->seconds);
  row_number(w, "connect_s", "%.6f", r->connect_s);
  row_number(w, "tls_s", "%.6f", r->tls_s);
  row_number(w, "first_byte_s", "%.6f", r->first_byte_s);
  row_number(w, "attempts", "%u", r->attempts);
  row_number(w, "redirects", "%ld", r->redirects);
  row_text(w, "final_url", r->final_url);
  row_text(w, "error_class", r->error ? fetch_error_name(r->error) : NULL);
  row_text(w, "error", r->error ? r->message : NULL);
  row_end(w);
}
