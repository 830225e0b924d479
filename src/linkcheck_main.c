/* linkcheck_main.c - the linkcheck program: rank 0 reads the pages and gathers their links,
 * every rank checks its share of the links, rank 0 writes one row per link in order of first
 * appearance and the summary; with no PAGE, the teaching scenario on the local test site. */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_site.h"
#include "fetch_options.h"
#include "fetch_ranks.h"
#include "html_links.h"
#include "link_journal.h"
#include "link_set.h"
#include "linkcheck_options.h"
#include "linkcheck_pages.h"
#include "linkcheck_report.h"
#include "mpi_check.h"
#include "results.h"
#include "runtime.h"

enum { EXIT_FOUND_FAILURE = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

#define DEMO_PAGES 100 /* the teaching code's 100 random pages */

static int parse_linkcheck(int argc, char **argv, void *opts, char *err, size_t errlen)
{
  return linkcheck_options_parse(argc, argv, opts, err, errlen);
}

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
  if (h->n == h->cap) {
    size_t cap = h->cap ? 2 * h->cap : 64;
    char **v = realloc(h->v, cap * sizeof *v);
    if (!v) {
      h->failed = 1;
      return;
    }
    h->v = v;
    h->cap = cap;
  }
  h->v[h->n] = strdup(href);
  if (!h->v[h->n])
    h->failed = 1;
  else
    h->n++;
}

/* Rank 0: every page's links into s. Returns 0 or -1 (memory). */
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
      return -1;
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
    if (rc != 0 && rc != -EOVERFLOW && !s->journal_failed) { /* an overlong URL: re-checked */
      fprintf(stderr, "linkcheck: cannot record a check in the --resume file: %s\n",
              strerror(-rc));
      s->journal_failed = 1;
    }
  }
}

/* Rank 0 with --resume: reports every link the journal already holds and lists the others
 * (link-set indices in todo, their URLs in urls). Returns 0 or -1 (memory). */
static int split_by_journal(link_report *rep, const link_set *links, const link_journal *j,
                            size_t **todo, url_list *urls)
{
  *todo = malloc((links->urls.n ? links->urls.n : 1) * sizeof **todo);
  if (!*todo)
    return -1;
  size_t n = 0;
  for (size_t i = 0; i < links->urls.n; i++) {
    const char *u = links->urls.urls[i];
    const fetch_result *saved = link_journal_find(j, u);
    if (saved) {
      link_report_row(rep, i, saved);
      continue;
    }
    if (url_list_add(urls, u, strlen(u)) != 0)
      return -1;
    (*todo)[n++] = i;
  }
  return 0;
}

static int append_summary(runtime *rt, const linkcheck_options *o, const link_report *rep,
                          size_t pages, size_t links, double seconds)
{
  char params[128], result[96];
  snprintf(params, sizeof params, "pages=%zu concurrency=%u timeout=%g retries=%u", pages,
           o->net.backend == FETCH_SEQ ? 1 : o->net.concurrency, o->net.timeout_s,
           o->net.retries);
  snprintf(result, sizeof result, "links=%zu broken=%zu", links, rep->broken);
  results_row row = { "linkcheck", fetch_backend_name(o->net.backend), rt->size,
                      o->net.backend == FETCH_SEQ ? 1 : (int)o->net.concurrency, params, links,
                      seconds, "links", result, 0, 0, 0, NULL, 0 };
  return runtime_append_row(rt, "linkcheck", o->run.csv, &row);
}

/* Collective: check the links of pages names[0..n) (read on rank 0). */
static int check(runtime *rt, const linkcheck_options *o, char *const *names, int n)
{
  page_list pages = { 0 };
  link_set links;
  link_filters filters;
  link_report rep;
  link_journal journal;
  url_list todo_urls = { 0 };
  size_t *todo = NULL;
  FILE *out = NULL;
  int status = 0, read_status = 0;
  const int resume = o->resume[0] != 0;

  link_set_init(&links);
  memset(&journal, 0, sizeof journal);
  journal.fd = -1;
  memset(&rep, 0, sizeof rep);
  memset(&filters, 0, sizeof filters);
  status = fetch_ranks_check_files("linkcheck", &o->net);
  if (status != 0)
    return status;
  if (rt->rank == 0) {
    read_status = linkcheck_pages_load(&o->net, names, n, &pages);
    if (read_status < 0 || linkcheck_filters(o, &filters) != 0 ||
        gather_links(&pages, &filters, &links) != 0) {
      fprintf(stderr, "linkcheck: out of memory reading the pages\n");
      status = EXIT_SYSTEM;
    }
    if (status == 0 && o->output[0]) {
      out = fopen(o->output, "w");
      if (!out) {
        fprintf(stderr, "linkcheck: cannot write %s: %s\n", o->output, strerror(errno));
        status = EXIT_USAGE;
      }
    }
    char err[300];
    if (status == 0 && resume && link_journal_open(&journal, o->resume, err, sizeof err) != 0) {
      fprintf(stderr, "linkcheck: --resume %s: %s\n", o->resume, err);
      status = EXIT_USAGE;
    }
  }
  MPI_TRY(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (status != 0)
    goto out;
  if (url_list_share(rt, &links.urls) != 0) {
    status = -1;
    goto out;
  }
  if (rt->rank == 0) {
    rep.out = out ? out : stdout;
    rep.format = o->format;
    rep.links = &links;
    rep.pages = &pages;
    rep.accept = &o->accept;
    link_report_begin(&rep);
    if (resume && split_by_journal(&rep, &links, &journal, &todo, &todo_urls) != 0) {
      fprintf(stderr, "linkcheck: out of memory\n");
      status = EXIT_SYSTEM;
    }
    if (resume && o->run.verbose)
      fprintf(stderr, "linkcheck: --resume %s: %zu of %zu links checked before\n", o->resume,
              links.urls.n - todo_urls.n, links.urls.n);
  }
  MPI_TRY(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (status != 0)
    goto out;
  url_list *check_list = resume ? &todo_urls : &links.urls;
  if (resume && url_list_share(rt, check_list) != 0) {
    status = -1;
    goto out;
  }
  fetch_config c = o->net;
  c.status_only = 1; /* a link's status is all we need; its body would only cost */
  fetch_ranks_stats st = { 0, 0 };
  check_sink sink = { &rep, resume ? &journal : NULL, todo, 0 };
  /* --resume records each check as it completes (on one rank), not in link order. */
  if (fetch_ranks_run(rt, &c, check_list->urls, check_list->n, resume, report_row, &sink,
                      &st) != 0) {
    status = EXIT_SYSTEM;
    goto out;
  }
  if (rt->rank == 0) {
    if (link_report_end(&rep) != 0) {
      fprintf(stderr, "linkcheck: writing the rows failed\n");
      status = EXIT_SYSTEM;
    }
    link_report_summary(&rep, stderr, st.seconds);
    if (rep.written < links.urls.n)
      fprintf(stderr, "linkcheck: stopped by a signal: %zu of %zu links checked%s\n",
              rep.written, links.urls.n,
              resume ? "; run again with the same --resume to check the rest" : "");
    if (status == 0)
      status = read_status ? EXIT_USAGE : sink.journal_failed ? EXIT_SYSTEM
                                         : rep.broken ? EXIT_FOUND_FAILURE : 0;
  }
  int rc = append_summary(rt, o, &rep, pages.n, rep.written, st.seconds);
  if (rc != 0)
    status = rc;
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
  return status;
}

/* No PAGE: the teaching scenario on 100 pages of the local test site. */
static int demo(runtime *rt, const linkcheck_options *o)
{
  demo_site site = { 0 };
  char err[300];
  char **names = NULL;
  int status = 0;
  if (rt->rank == 0) {
    if (demo_site_start(&site, DEMO_PAGES, err, sizeof err) != 0) {
      fprintf(stderr, "linkcheck: no PAGE runs the demo against a local site, but %s; give "
              "pages instead\n", err);
      status = EXIT_USAGE;
    }
    names = calloc(DEMO_PAGES, sizeof *names);
    for (int k = 0; status == 0 && k < DEMO_PAGES; k++) {
      names[k] = malloc(300);
      if (!names[k])
        status = EXIT_SYSTEM;
      else
        snprintf(names[k], 300, "%s/wiki/Page_%d.html", site.http, k + 1);
    }
    if (status == 0)
      fprintf(stderr, "linkcheck: the teaching scenario: %d pages of a local wiki at %s, whose "
              "links cover every class\n", DEMO_PAGES, site.http);
  }
  MPI_TRY(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (status == 0)
    status = check(rt, o, names, DEMO_PAGES);
  if (rt->rank == 0) {
    demo_site_stop(&site);
    for (int k = 0; names && k < DEMO_PAGES; k++)
      free(names[k]);
    free(names);
  }
  return status;
}

static int run_linkcheck(runtime *rt, void *opts, int argc, char **argv)
{
  const linkcheck_options *o = opts;
  (void)argc;
  /* Before any thread starts: curl_global_init is not thread-safe. */
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "linkcheck: curl_global_init failed\n");
    return EXIT_SYSTEM;
  }
  runtime_use_options(rt, &o->run);
  int status = o->page_operands > 0 ? check(rt, o, argv + o->first_page, o->page_operands)
                                    : demo(rt, o);
  curl_global_cleanup();
  return status;
}

int main(int argc, char **argv)
{
  linkcheck_options o;
  return runtime_main(argc, argv, "linkcheck", parse_linkcheck, &o, sizeof o, run_linkcheck);
}
