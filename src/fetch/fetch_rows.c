/* fetch_rows.c - the row columns, in one place for both formats. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_rows.h"

#include "fetch_options.h"
#include "csv.h"
#include "json.h"

static const char header[] = "index,url,status,bytes,seconds,connect_s,tls_s,first_byte_s,"
                             "attempts,redirects,final_url,error_class,error";

void fetch_rows_begin(fetch_rows *w)
{
  fputs(w->format == OUT_JSON ? "[" : header, w->out);
  if (w->format != OUT_JSON)
    fputc('\n', w->out);
  fflush(w->out);
}

void fetch_rows_write(fetch_rows *w, size_t index, const char *url, const fetch_result *r)
{
  FILE *f = w->out;
  const char *error_class = r->error == 0 ? "" : fetch_error_name(r->error);
  if (w->format == OUT_JSON) {
    fprintf(f, "%s\n{\"index\":%zu,\"url\":", w->written ? "," : "", index);
    json_string(f, url);
    if (r->status)
      fprintf(f, ",\"status\":%ld", r->status);
    else
      fputs(",\"status\":null", f);
    fprintf(f, ",\"bytes\":%llu,\"seconds\":%.6f,\"connect_s\":%.6f,\"tls_s\":%.6f,"
            "\"first_byte_s\":%.6f,\"attempts\":%u,\"redirects\":%ld,\"final_url\":",
            (unsigned long long)r->bytes, r->seconds, r->connect_s, r->tls_s, r->first_byte_s,
            r->attempts, r->redirects);
    json_string(f, r->final_url);
    fputs(",\"error_class\":", f);
    json_string(f, r->error ? error_class : NULL);
    fputs(",\"error\":", f);
    json_string(f, r->error ? r->message : NULL);
    fputc('}', f);
  } else {
    fprintf(f, "%zu,", index);
    csv_field(f, url);
    if (r->status)
      fprintf(f, ",%ld", r->status);
    else
      fputc(',', f);
    fprintf(f, ",%llu,%.6f,%.6f,%.6f,%.6f,%u,%ld,", (unsigned long long)r->bytes, r->seconds,
            r->connect_s, r->tls_s, r->first_byte_s, r->attempts, r->redirects);
    csv_field(f, r->final_url);
    fputc(',', f);
    csv_field(f, error_class);
    fputc(',', f);
    csv_field(f, r->error ? r->message : "");
    fputc('\n', f);
  }
  w->written++;
  fflush(f);
}

int fetch_rows_end(fetch_rows *w)
{
  if (w->format == OUT_JSON)
    fputs(w->written ? "\n]\n" : "]\n", w->out);
  return fflush(w->out) == 0 && !ferror(w->out) ? 0 : -1;
}
