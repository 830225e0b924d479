/* linkcheck_report.h - linkcheck's output: one row per link (CSV or one JSON array, flushed row
 * by row), and the human summary on stderr: links per class, the slowest hosts. */
#ifndef SRC_LINKCHECK_REPORT_H
#define SRC_LINKCHECK_REPORT_H

#include <stdio.h>

#include "fetch.h"
#include "link_class.h"
#include "link_set.h"
#include "linkcheck_pages.h"
#include "row_stream.h"
#include "strmap.h"

typedef struct host_time {
  char *name; /* "scheme://host:port" */
  double total, max;
  size_t n;
} host_time;

typedef struct link_report {
  row_stream rows; /* rows.written: the links reported */
  const link_set *links;
  const page_list *pages;
  const link_accept *accept;
  size_t broken, per_class[LINK_CLASS_COUNT];
  strmap host_index;
  host_time *hosts;
  size_t nhosts, hosts_cap;
} link_report;

/* Starts the rows on out (CSV, or a JSON array when json). */
void link_report_begin(link_report *r, FILE *out, int json);

/* The row of link i, checked with result res. */
void link_report_row(link_report *r, size_t i, const fetch_result *res);

/* Closes the rows. Returns 0, or STATUS_SYSTEM when the stream had a write error. */
int link_report_end(link_report *r);

/* The summary on err: pages, links, skipped hrefs, each class, the five slowest hosts. */
void link_report_summary(const link_report *r, FILE *err, double seconds);

void link_report_free(link_report *r);

#endif
