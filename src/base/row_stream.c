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
    fputs("[", w->out);
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
    fputs(w->written ? "\n]\n" : "]\n", w->out);
  return fflush(w->out) == 0 && !ferror(w->out) ? 0 : STATUS_SYSTEM;
}
