/* row_stream.h - rows streamed to a file as CSV (a header, then a line per row) or as one JSON
 * array of objects, whatever bytes the fields hold, each row flushed as it ends so that an
 * interrupted run keeps every row it finished: fetch's and linkcheck's per-URL rows. A row is
 * a sequence of named fields; each format writes the same sequence its own way. */
#ifndef SRC_BASE_ROW_STREAM_H
#define SRC_BASE_ROW_STREAM_H

#include <stddef.h>
#include <stdio.h>

typedef struct row_stream {
  FILE *out;
  int json;           /* 1: one JSON array; 0: CSV */
  int json_object;    /* with json: the array is {"rows": [...] of an object the caller ends */
  const char *header; /* the CSV header line, without its newline (the field names) */
  size_t written;     /* rows ended so far */
  int fields;         /* fields so far in the row being written */
} row_stream;

/* The CSV header line, or the JSON array's opening. */
void row_stream_begin(row_stream *w);

/* Starts a row. */
void row_begin(row_stream *w);

/* A text field: CSV-quoted, or a JSON string; NULL is an empty field, or JSON's null. */
void row_text(row_stream *w, const char *name, const char *s);

/* A number field, printf-formatted ("%.6f", "%ld"): the same digits in both formats. */
void row_number(row_stream *w, const char *name, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

/* The two number fields a row of requests is made of, written without printf (a row per
 * request, ten numbers each, at tens of thousands of requests a second): a whole number, and
 * a value with exactly six decimals (seconds to the microsecond, the digits of "%.6f"). */
void row_uint(row_stream *w, const char *name, unsigned long long v);
void row_micro(row_stream *w, const char *name, double v);

/* A list of n texts: one CSV field of the texts separated by spaces, or a JSON array. */
void row_texts(row_stream *w, const char *name, const char *const *v, size_t n);

/* Ends the row and flushes it. */
void row_end(row_stream *w);

/* Closes the JSON array (with json_object: the array only, the caller writes the rest of the
 * object and calls row_stream_flush) and flushes. Returns 0, or STATUS_SYSTEM when the stream
 * had a write error. */
int row_stream_end(row_stream *w);

/* Flushes. Returns 0, or STATUS_SYSTEM when the stream had a write error. */
int row_stream_flush(row_stream *w);

#endif
