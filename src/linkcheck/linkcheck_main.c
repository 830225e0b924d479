/* linkcheck_main.c - the linkcheck program: rank 0 reads the pages and gathers their links,
 * every rank checks the share of the links rank 0 deals it, rank 0 writes one row per link in
 * order of first appearance and the summary; with no PAGE, the teaching scenario on the local
 * test site. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "buffer.h"
#include "demo_site.h"
#include "fetch_ranks.h"
#include "html_links.h"
#include "link_journal.h"
#include "link_set.h"
#include "linkcheck_options.h"
#include "linkcheck_pages.h"
#include "linkcheck_report.h"
#include "net_main.h"
#include "net_options.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"

#define DEMO_PAGES 100 /* the teaching code's 100 random pages */

/* The hrefs of one page, collected before they are resolved (the <base href> may come late). */
typedef struct href_list {
  char **v;
  size_t n, cap;
  int failed;
} href_list;

static void keep_href(void *ctx, const char *href)
{
  href_list *h = ctx;
  if (h->failed)
    return;
  if (buffer_grow(&h->v, &h->cap, h->n + 1, sizeof *h->v) != 0) {
    h->failed = 1;
    return;
  }
  h->v[h->n] = strdup(href);
  if (!h->v[h->n])
    h->failed = 1;
  else
    h->n++;
}

/* Rank 0: every page's links into s. Returns 0 or STATUS_SYSTEM (memory). */
static int gather_links(const page_list *pages, const link_filters *f, link_set *s)
{
  for (size_t k = 0; k < pages->n; k++) {
    const page *g = &pages->p[k];
    if (!g->text || !g->url)
      continue;
    href_list h = { 0 };
    char base[2048];
    int rc = html_links_parse(g->text, g->len, keep_href, &h, base, sizeof base);
    if (rc == 0 && !h.failed)
      rc = link_set_add_page(s, f, k, g->url, base, (const char *const *)h.v, h.n);
    for (size_t i = 0; i < h.n; i++)
      free(h.v[i]);
    free(h.v);
    if (rc != 0 || h.failed)
      return STATUS_SYSTEM;
  }
  return 0;
}

/* Rank 0's view of one check run: the report, and with --resume the journal and the map from
 * the links checked now to their place in the link set. */
typedef struct check_sink {
  link_report *rep;
  link_journal *journal; /* NULL without --resume */
  const size_t *todo;    /* todo[k]: the link-set index of the k-th URL checked now */
  int journal_failed;
} check_sink;

static void report_row(void *ctx, size_t k, fetch_result *r)
{
  check_sink *s = ctx;
  size_t i = s->todo ? s->todo[k] : k;
  link_report_row(s->rep, i, r);
  if (s->journal) {
    int rc = link_journal_append(s->journal, s->rep->links->urls.urls[i], r);
    if (rc != 0 && errno != EOVERFLOW && !s->journal_failed) { /* an overlong URL: re-checked */
      fprintf(stderr, "linkcheck: cannot record a check in the --resume file: %s\n",
              strerror(errno));
      s->journal_failed = 1;
    }
  }
}

/* Rank 0 with --resume: reports every link the journal already holds and lists the others
 * (link-set indices in todo, their URLs in urls). Returns 0 or STATUS_SYSTEM (memory). */
static int split_by_journal(link_report *rep, const link_set *links, const link_journal *j,
                            size_t **todo, url_list *urls)
{
  *todo = malloc((links->urls.n ? links->urls.n : 1) * sizeof **todo);
  if (!*todo)
    return STATUS_SYSTEM;
  size_t n = 0;
  for (size_t i = 0; i < links->urls.n; i++) {
    const char *u = links->urls.urls[i];
    const fetch_result *saved = link_journal_find(j, u);
    if (saved) {
      link_report_row(rep, i, saved);
      continue;
    }
    if (url_list_add(urls, u, strlen(u)) != 0)
      return STATUS_SYSTEM;
    (*todo)[n++] = i;
  }
  return 0;
}

static int append_summary(runtime *rt, run_record *rec, const linkcheck_options *o,
                          const link_report *rep, size_t pages, size_t links, double seconds)
{
  char params[128], result[96];
  snprintf(params, sizeof params, "pages=%zu concurrency=%u timeout=%g retries=%u", pages,
           fetch_transfers(&o->net), o->net.timeout_s, o->net.retries);
  snprintf(result, sizeof result, "links=%zu broken=%zu", links, rep->broken);
  results_row row = {
    .tool = "linkcheck", .variant = fetch_backend_name(o->net.backend), .ranks = rt->size,
    .threads = (int)fetch_transfers(&o->net), .params = params,
    .items = links, .seconds = seconds, .unit = "links", .result = result,
  };
  return run_record_append_row(rec, rt, "linkcheck", o->run.csv, &row);
}

/* Collective: check the links of pages names[0..n) (read on rank 0). */
static int check(runtime *rt, run_record *rec, const linkcheck_options *o, char *const *names,
                 int n)
{
  page_list pages = { 0 };
  link_set links;
  link_filters filters;
  link_report rep;
  link_journal journal;
  url_list todo_urls = { 0 };
  size_t *todo = NULL;
  FILE *out = NULL;
  int rc = 0, read_status = 0;
  const int resume = o->resume[0] != 0;

  link_set_init(&links);
  memset(&journal, 0, sizeof journal);
  journal.fd = -1;
  memset(&rep, 0, sizeof rep);
  memset(&filters, 0, sizeof filters);
  rc = fetch_ranks_check_files(rt, "linkcheck", &o->net);
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    read_status = linkcheck_pages_load(&o->net, names, n, &pages);
    if (read_status == STATUS_SYSTEM || linkcheck_filters(o, &filters) != 0 ||
        gather_links(&pages, &filters, &links) != 0) {
      fprintf(stderr, "linkcheck: out of memory reading the pages\n");
      rc = STATUS_SYSTEM;
    }
    if (rc == 0 && o->output[0]) {
      out = fopen(o->output, "w");
      if (!out) {
        fprintf(stderr, "linkcheck: cannot write %s: %s\n", o->output, strerror(errno));
        rc = STATUS_USAGE;
      }
    }
    char err[300];
    if (rc == 0 && resume) {
      rc = link_journal_open(&journal, o->resume, err, sizeof err);
      if (rc != 0)
        fprintf(stderr, "linkcheck: --resume %s: %s\n", o->resume, err);
    }
  }
  if (rc == 0 && rt->rank == 0 && url_list_index(&links.urls) != 0) {
    fprintf(stderr, "linkcheck: out of memory\n");
    rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    rep.links = &links;
    rep.pages = &pages;
    rep.accept = &o->accept;
    link_report_begin(&rep, out ? out : stdout, o->format == OUT_JSON);
    if (resume && (split_by_journal(&rep, &links, &journal, &todo, &todo_urls) != 0 ||
                   url_list_index(&todo_urls) != 0)) {
      fprintf(stderr, "linkcheck: out of memory\n");
      rc = STATUS_SYSTEM;
    }
    if (resume && o->run.verbose)
      fprintf(stderr, "linkcheck: --resume %s: %zu of %zu links checked before\n", o->resume,
              links.urls.n - todo_urls.n, links.urls.n);
  }
  rc = agree(rt, rc);
  url_list *check_list = resume ? &todo_urls : &links.urls;
  if (rc != 0)
    goto out;
  fetch_config c = o->net;
  c.status_only = 1; /* a link's status is all we need; its body would only cost */
  fetch_ranks_stats st = { 0, 0 };
  check_sink sink = { &rep, resume ? &journal : NULL, todo, 0 };
  /* --resume records each check as it completes (on one rank), not in link order. */
  rc = fetch_ranks_run(rt, &c, check_list->urls, check_list->n, resume, report_row, &sink,
                       &st);
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    if (link_report_end(&rep) != 0) {
      fprintf(stderr, "linkcheck: writing the rows failed\n");
      rc = STATUS_SYSTEM;
    }
    link_report_summary(&rep, stderr, st.seconds);
    if (rep.rows.written < links.urls.n)
      fprintf(stderr, "linkcheck: stopped by a signal: %zu of %zu links checked%s\n",
              rep.rows.written, links.urls.n,
              resume ? "; run again with the same --resume to check the rest" : "");
    if (rc == 0)
      rc = read_status ? read_status : sink.journal_failed ? STATUS_SYSTEM
                                     : rep.broken ? STATUS_FAILED : 0;
  }
  rc = status_worst(rc,
                    append_summary(rt, rec, o, &rep, pages.n, rep.rows.written, st.seconds));
out:
  if (out)
    fclose(out);
  link_report_free(&rep);
  link_journal_close(&journal);
  url_list_free(&todo_urls);
  free(todo);
  linkcheck_filters_free(&filters);
  link_set_free(&links);
  linkcheck_pages_free(&pages);
  return rc;
}

/* No PAGE: the teaching scenario on 100 pages of the local test site. */
static int demo(runtime *rt, run_record *rec, const linkcheck_options *o)
{
  demo_site site = { 0 };
  char err[300];
  char **names = NULL;
  int rc = 0;
  if (rt->rank == 0) {
    rc = demo_site_start(&site, DEMO_PAGES, err, sizeof err);
    if (rc != 0)
      fprintf(stderr, "linkcheck: no PAGE runs the demo against a local site, but %s; give "
              "pages instead\n", err);
    names = calloc(DEMO_PAGES, sizeof *names);
    if (!names && rc == 0)
      rc = STATUS_SYSTEM;
    for (int k = 0; rc == 0 && k < DEMO_PAGES; k++) {
      names[k] = malloc(300);
      if (!names[k])
        rc = STATUS_SYSTEM;
      else
        snprintf(names[k], 300, "%s/wiki/Page_%d.html", site.http, k + 1);
    }
    if (rc == STATUS_SYSTEM)
      fprintf(stderr, "linkcheck: out of memory\n");
    if (rc == 0)
      fprintf(stderr, "linkcheck: the teaching scenario: %d pages of a local wiki at %s, whose "
              "links cover every class\n", DEMO_PAGES, site.http);
  }
  rc = agree(rt, rc);
  if (rc == 0)
    rc = check(rt, rec, o, names, DEMO_PAGES);
  if (rt->rank == 0) {
    demo_site_stop(&site);
    for (int k = 0; names && k < DEMO_PAGES; k++)
      free(names[k]);
    free(names);
  }
  return rc;
}

static int run_linkcheck(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  const linkcheck_options *o = opts;
  (void)argc;
  return o->page_operands > 0 ? check(rt, rec, o, argv + o->first_page, o->page_operands)
                              : demo(rt, rec, o);
}

int main(int argc, char **argv)
{
  linkcheck_options o;
  return net_main(argc, argv, &linkcheck_program, &o, run_linkcheck);
}
