/* linkcheck_report.h - linkcheck's output: one row per link (CSV or one JSON array, flushed row
 * by row; or a Markdown summary with the broken links, for a CI comment), and the human
 * summary on stderr: links per class, the slowest hosts. */
#ifndef SRC_LINKCHECK_REPORT_H
#define SRC_LINKCHECK_REPORT_H

#include <stdio.h>

#include "buffer.h"
#include "fetch.h"
#include "link_class.h"
#include "link_set.h"
#include "link_target.h"
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
  int markdown;    /* rows.out gets the Markdown summary at the end, not rows */
  buffer broken_md; /* markdown: the table rows of the broken links */
  size_t broken, per_class[LINK_CLASS_COUNT];
  size_t robots_skipped; /* links not checked: robots.txt disallows them (--recursive) */
  strmap host_index;
  host_time *hosts;
  size_t nhosts, hosts_cap;
} link_report;

/* Starts the rows on out: format OUT_CSV, OUT_JSON or LINKCHECK_MARKDOWN. */
void link_report_begin(link_report *r, FILE *out, int format);

/* The row of link i, whose target came to t. */
void link_report_row(link_report *r, size_t i, const link_target *t);

/* Closes the rows (markdown: writes the summary). Returns 0, or STATUS_SYSTEM when the stream
 * had a write error. */
int link_report_end(link_report *r, double seconds);

/* The summary on err: pages, links, skipped hrefs, each class, the five slowest hosts. */
void link_report_summary(const link_report *r, FILE *err, double seconds);

void link_report_free(link_report *r);

#endif
