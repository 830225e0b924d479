/* fetch_rows.h - fetch's per-URL rows, as CSV or as one JSON array (row_stream.h), each
 * flushed as it is written so that an interrupted run keeps every row it finished. */
#ifndef SRC_FETCH_ROWS_H
#define SRC_FETCH_ROWS_H

#include <stdio.h>

#include "fetch.h"
#include "row_stream.h"

/* Starts the rows on out: the CSV header, or the JSON object's opening ({"rows": [ ...; the
 * caller ends it). open_loop: the rows end with start_delay_s, how late each request started
 * after its scheduled time, and latency_s, from that time to its final answer. */
void fetch_rows_begin(row_stream *w, FILE *out, int json, int open_loop);

/* One URL's row. */
void fetch_rows_write(row_stream *w, size_t index, const char *url, const fetch_result *r,
                      int open_loop);

#endif
