/* linkcheck_options.h - linkcheck's options: the network options of fetch (with a link
 * checker's defaults: 5 s deadline, 2 retries, HEAD then GET) and its own. */
#ifndef SRC_LINKCHECK_OPTIONS_H
#define SRC_LINKCHECK_OPTIONS_H

#include "cli.h"
#include "fetch.h"
#include "link_class.h"
#include "link_set.h"

typedef struct linkcheck_options {
  run_options run;
  fetch_config net;
  link_accept accept;
  int internal;
  char include[LINK_FILTERS_MAX][256], exclude[LINK_FILTERS_MAX][256];
  int n_include, n_exclude;
  char output[1024]; /* "" for stdout */
  char resume[1024]; /* --resume FILE: the state of finished checks (link_journal.h); "" */
  char root_dir[1024]; /* --root-dir: where a local link starting with '/' points; "" */
  int format;        /* OUT_CSV, OUT_JSON or LINKCHECK_MARKDOWN */
  int recursive, scope, ignore_robots, fragments, dump, all_elements;
  unsigned depth;    /* --depth: levels of pages below the start pages; 0: unlimited */
  int first_page, page_operands;
} linkcheck_options;

enum { LINKCHECK_MARKDOWN = 2 }; /* --format markdown, beside OUT_CSV and OUT_JSON */

/* The command line of linkcheck, for cli_parse (rank 0) or runtime_main. */
extern const cli_program linkcheck_program;

/* Compiles o's --include and --exclude into f. Returns 0, or STATUS_SYSTEM (memory: each was
 * checked while parsing). */
int linkcheck_filters(const linkcheck_options *o, link_filters *f);
void linkcheck_filters_free(link_filters *f);

#endif
