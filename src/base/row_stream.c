/* row_stream.c - CSV lines or a JSON array of objects, field by field (row_stream.h). */
#define _POSIX_C_SOURCE 200809L
#include "row_stream.h"

#include <stdarg.h>
#include <string.h>

#include "buffer.h"
#include "csv.h"
#include "json.h"
#include "status.h"

void row_stream_begin(row_stream *w)
{
  if (w->json)
    fputs(w->json_object ? "{\"rows\":[" : "[", w->out);
  else
    fprintf(w->out, "%s\n", w->header);
  fflush(w->out);
}

void row_begin(row_stream *w)
{
  if (w->json)
    fputs(w->written ? ",\n{" : "\n{", w->out);
  w->fields = 0;
}

/* The separator before a field and, in JSON, its name. */
static void field(row_stream *w, const char *name)
{
  if (w->json)
    fprintf(w->out, "%s\"%s\":", w->fields ? "," : "", name);
  else if (w->fields)
    fputc(',', w->out);
  w->fields++;
}

void row_text(row_stream *w, const char *name, const char *s)
{
  field(w, name);
  if (w->json)
    json_string(w->out, s);
  else
    csv_field(w->out, s);
}

void row_number(row_stream *w, const char *name, const char *fmt, ...)
{
  va_list ap;
  field(w, name);
  va_start(ap, fmt);
  vfprintf(w->out, fmt, ap);
  va_end(ap);
}

/* v's decimal digits, ending at end (exclusive); returns where they start. */
static char *digits(char *end, unsigned long long v)
{
  do {
    *--end = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

void row_uint(row_stream *w, const char *name, unsigned long long v)
{
  char buf[24];
  field(w, name);
  char *p = digits(buf + sizeof buf, v);
  fwrite(p, 1, (size_t)(buf + sizeof buf - p), w->out);
}

void row_micro(row_stream *w, const char *name, double v)
{
  /* Past 2^53 microseconds a double no longer holds whole microseconds exactly, and printf
   * rounds its exact value: leave those (and NaN) to it. */
  if (!(v > -9e9 && v < 9e9)) {
    row_number(w, name, "%.6f", v);
    return;
  }
  char buf[32];
  int negative = v < 0;
  double scaled = (negative ? -v : v) * 1e6;
  unsigned long long us = (unsigned long long)(scaled + 0.5); /* "%.6f" rounds to nearest */
  char *end = buf + sizeof buf, *p = end;
  p = digits(p, us % 1000000);
  while (p > end - 6)
    *--p = '0';
  *--p = '.';
  p = digits(p, us / 1000000);
  if (negative && us)
    *--p = '-';
  field(w, name);
  fwrite(p, 1, (size_t)(end - p), w->out);
}

void row_texts(row_stream *w, const char *name, const char *const *v, size_t n)
{
  field(w, name);
  if (w->json) {
    fputc('[', w->out);
    for (size_t k = 0; k < n; k++) {
      fputs(k ? "," : "", w->out);
      json_string(w->out, v[k]);
    }
    fputc(']', w->out);
    return;
  }
  /* One CSV field: the texts joined, then quoted as any field is. */
  buffer joined = { 0 };
  int ok = 1;
  for (size_t k = 0; k < n && ok; k++)
    ok = (k == 0 || buffer_append(&joined, " ", 1) == 0) &&
         buffer_append(&joined, v[k], strlen(v[k])) == 0;
  csv_field(w->out, ok ? joined.p : NULL); /* out of memory: an empty field, the row stands */
  buffer_free(&joined);
}

void row_end(row_stream *w)
{
  fputs(w->json ? "}" : "\n", w->out);
  w->written++;
  fflush(w->out);
}

int row_stream_end(row_stream *w)
{
  if (w->json)
    fputs(w->written ? "\n]" : "]", w->out);
  if (w->json && !w->json_object)
    fputc('\n', w->out);
  return row_stream_flush(w);
}

int row_stream_flush(row_stream *w)
{
  return fflush(w->out) == 0 && !ferror(w->out) ? 0 : STATUS_SYSTEM;
}
