/* fetch_rows.h - fetch's per-URL rows, as CSV or as one JSON array, each flushed as it is
 * written so that an interrupted run keeps every row it finished. */
#ifndef SRC_FETCH_ROWS_H
#define SRC_FETCH_ROWS_H

#include <stdio.h>

#include "fetch.h"

typedef struct fetch_rows {
  FILE *out;
  int format; /* OUT_CSV or OUT_JSON (fetch_options.h) */
  size_t written;
} fetch_rows;

/* The CSV header, or the JSON array's opening. */
void fetch_rows_begin(fetch_rows *w);
void fetch_rows_write(fetch_rows *w, size_t index, const char *url, const fetch_result *r);
/* Closes the JSON array. Returns 0, or -1 when the stream had a write error. */
int fetch_rows_end(fetch_rows *w);

#endif
