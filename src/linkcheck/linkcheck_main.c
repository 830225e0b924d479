/* linkcheck_main.c - the linkcheck program: rank 0 reads the local pages; the pages named by
 * URL (and, with --recursive, the pages they lead to, level by level) are fetched and read by
 * every rank, each its share; rank 0 gathers their links, looks up the local ones and deals
 * the rest out to be checked by every rank; it writes one row per link in order of first
 * appearance and the summary. With no PAGE, the teaching scenario on the local test site. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agree.h"
#include "buffer.h"
#include "clock.h"
#include "collective.h"
#include "crawl_scope.h"
#include "demo_site.h"
#include "fetch_ranks.h"
#include "html_links.h"
#include "link_journal.h"
#include "link_set.h"
#include "link_target.h"
#include "linkcheck_options.h"
#include "linkcheck_pages.h"
#include "linkcheck_report.h"
#include "net_main.h"
#include "net_options.h"
#include "page_digest.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"
#include "stop.h"

#define DEMO_PAGES 100 /* the teaching code's 100 random pages */

/* One check run. Everything but rt, o and the configurations lives on rank 0. */
typedef struct checker {
  runtime *rt;
  const linkcheck_options *o;
  link_filters filters;
  page_list pages;
  link_set links;
  link_target *t;     /* per target of links */
  size_t tcap;
  crawl_scope scope;
  link_report rep;
  link_journal journal; /* fd < 0 without --resume */
  url_list level;     /* the pages to fetch now (a crawl level) */
  size_t *level_t;    /* their targets */
  size_t level_cap;
  unsigned depth;     /* of the level */
  url_list check;     /* the targets to check over the network */
  size_t *check_t, check_cap;
  size_t next_row;    /* the rows written so far, in link order */
  int read_status;    /* STATUS_USAGE when a start page could not be read */
  int failed;         /* out of memory */
  int journal_failed;
  char root_url_buf[PATH_MAX * 3 + 8];
} checker;

/* What a page's digest holds besides <a> and <area>. */
static int digest_flags(const linkcheck_options *o)
{
  return o->all_elements ? DIGEST_ALL_ELEMENTS : 0;
}

/* ch->t covers every target. Returns 0 or STATUS_SYSTEM. */
static int targets_fit(checker *ch)
{
  size_t n = ch->links.targets.n, old = ch->tcap;
  if (n <= old)
    return 0;
  if (buffer_grow(&ch->t, &ch->tcap, n, sizeof *ch->t) != 0)
    return STATUS_SYSTEM;
  memset(ch->t + old, 0, (ch->tcap - old) * sizeof *ch->t);
  return 0;
}

/* Appends url (target t) to a list of URLs to fetch. Returns 0 or STATUS_SYSTEM. */
static int list_add(url_list *l, size_t **tv, size_t *cap, const char *url, size_t t)
{
  if (buffer_grow(tv, cap, l->n + 1, sizeof **tv) != 0 || url_list_add(l, url, strlen(url)))
    return STATUS_SYSTEM;
  (*tv)[l->n - 1] = t;
  return 0;
}

/* Writes every row whose target is done, in link order, up to the first that is not. */
static void write_ready_rows(checker *ch)
{
  while (ch->next_row < ch->links.urls.n) {
    link_target *t = &ch->t[ch->links.target[ch->next_row]];
    if (!t->done)
      break;
    if (t->robots_skipped)
      ch->rep.robots_skipped++;
    else
      link_report_row(&ch->rep, ch->next_row, t);
    ch->next_row++;
  }
}

/* Rank 0: a page of the level came back (in level order). Its answer is its target's; an
 * answer with a body adds a page and its links. */
static void take_page(void *ctx, size_t k, fetch_result *r)
{
  checker *ch = ctx;
  const char *name = ch->level.urls[k];
  link_target *t = &ch->t[ch->level_t[k]]; /* until targets_fit moves the array */
  if (ch->depth == 0 && fetch_failed(r)) {
    if (r->error)
      fprintf(stderr, "linkcheck: %s: %s (%s)\n", name, fetch_error_name(r->error), r->message);
    else
      fprintf(stderr, "linkcheck: %s: HTTP status %ld\n", name, r->status);
    ch->read_status = STATUS_USAGE;
  }
  fetch_result_free(&t->r);
  t->r = *r;
  t->done = 1;
  t->anchors = r->error == FETCH_OK && r->status >= 200 && r->status < 300 &&
               (r->html || ch->depth == 0);
  memset(r, 0, sizeof *r); /* taken: fetch frees nothing */
  /* A page of the crawl that redirected out of scope is a link, not a page of the site. */
  if (!t->anchors || (ch->depth > 0 && t->r.final_url &&
                      !crawl_scope_holds(&ch->scope, t->r.final_url)))
    return;
  size_t page = ch->pages.n;
  if (page_list_add(&ch->pages, name, t->r.final_url ? t->r.final_url : name, NULL, 0) != 0 ||
      link_set_add_page(&ch->links, &ch->filters, page, ch->pages.p[page].url, t->r.body,
                        t->r.body_len) != 0 ||
      targets_fit(ch) != 0)
    ch->failed = 1;
  t = &ch->t[ch->level_t[k]];
  if (!ch->o->fragments) { /* the digest was for the links alone */
    free(t->r.body);
    t->r.body = NULL;
    t->r.body_len = 0;
    t->anchors = 0;
  }
}

/* Rank 0, after a level: the next one, the targets from `from` on that --recursive follows.
 * Returns 0 or STATUS_SYSTEM. */
static int next_level(checker *ch, size_t from)
{
  url_list_free(&ch->level);
  if (link_set_index(&ch->links) != 0)
    return STATUS_SYSTEM;
  if (!ch->o->recursive)
    return 0;
  /* Past --depth the pages found are checked, not crawled; robots.txt keeps out the same
   * ones at every depth. */
  int deeper = !ch->o->depth || ch->depth + 1 <= ch->o->depth;
  for (size_t t = from; t < ch->links.targets.n; t++) {
    const char *url = ch->links.targets.urls[t];
    if (ch->t[t].done || strncasecmp(url, "http", 4) != 0)
      continue;
    int follows = crawl_scope_follows(&ch->scope, url);
    if (follows < 0) { /* robots.txt: neither crawled nor checked */
      ch->t[t].done = ch->t[t].robots_skipped = 1;
      continue;
    }
    if (follows > 0 && deeper &&
        list_add(&ch->level, &ch->level_t, &ch->level_cap, url, t) != 0)
      return STATUS_SYSTEM;
  }
  return url_list_index(&ch->level);
}

/* Rank 0, after the start pages came back: the crawl's scope, from each start URL as asked
 * for and as answered (http://example.org may answer from https://www.example.org/), and the
 * robots.txt of each origin. Returns 0 or STATUS_SYSTEM. */
static int scope_from_starts(checker *ch)
{
  const linkcheck_options *o = ch->o;
  const char **starts = calloc(2 * ch->level.n + 1, sizeof *starts);
  size_t n = 0;
  if (!starts)
    return STATUS_SYSTEM;
  for (size_t k = 0; k < ch->level.n; k++) {
    const link_target *t = &ch->t[ch->level_t[k]];
    starts[n++] = ch->level.urls[k];
    if (t->r.final_url)
      starts[n++] = t->r.final_url;
  }
  int rc = crawl_scope_init(&ch->scope, o->scope, starts, n) != 0 ||
               (!o->ignore_robots && crawl_scope_robots(&ch->scope, &o->net) != 0)
             ? STATUS_SYSTEM
             : 0;
  free(starts);
  return rc;
}

/* Collective: the pages of every level, fetched and read by every rank; rank 0 gathers their
 * links. Returns 0, or STATUS_SYSTEM or STATUS_MPI on every rank. */
static int read_levels(checker *ch, double *seconds)
{
  const int root = ch->rt->rank == 0;
  fetch_config c = ch->o->net;
  c.method = FETCH_GET;
  c.status_only = 0;
  c.digest = page_digest_fetched; /* set on every rank: addresses differ between processes */
  c.digest_flags = digest_flags(ch->o);
  c.progress = 0;
  int rc = 0;
  for (ch->depth = 0;; ch->depth++) {
    unsigned long long n = root && rc == 0 && !stop_requested() ? ch->level.n : 0;
    rc = status_worst(rc, collective_bcast(ch->rt, &n, 1, MPI_UNSIGNED_LONG_LONG));
    if (n == 0 || rc == STATUS_MPI)
      break;
    /* The pages named are read whatever they say they are; a crawl reads HTML alone. */
    c.keep_body = ch->depth == 0;
    c.body_if_html = ch->depth > 0;
    size_t from = ch->links.targets.n;
    fetch_ranks_stats st = { 0, 0, 0 };
    rc = fetch_ranks_run(ch->rt, &c, ch->level.urls, ch->level.n, 0, take_page, ch, &st);
    *seconds += st.seconds;
    if (rc == 0 && root &&
        (ch->failed || (ch->depth == 0 && ch->o->recursive && scope_from_starts(ch) != 0) ||
         next_level(ch, from) != 0))
      rc = STATUS_SYSTEM;
  }
  return agree(ch->rt, rc);
}

/* Rank 0: the targets still open: local ones looked up, journalled ones taken from the
 * journal, the rest listed for the network check. Returns 0 or STATUS_SYSTEM. */
static int plan_checks(checker *ch)
{
  const linkcheck_options *o = ch->o;
  if (link_set_index(&ch->links) != 0 || targets_fit(ch) != 0)
    return STATUS_SYSTEM;
  for (size_t t = 0; t < ch->links.targets.n; t++) {
    const char *url = ch->links.targets.urls[t];
    link_target *g = &ch->t[t];
    const fetch_result *saved = ch->journal.fd >= 0 ? link_journal_find(&ch->journal, url)
                                                    : NULL;
    if (g->done)
      continue;
    if (strncasecmp(url, "file:", 5) == 0) {
      if (link_target_local(g, url, o->fragments, o->net.max_bytes, digest_flags(o)) != 0)
        return STATUS_SYSTEM;
    } else if (saved) {
      g->r = *saved;
      g->r.final_url = saved->final_url ? strdup(saved->final_url) : NULL;
      g->r.body = NULL;
      g->done = 1;
    } else if (list_add(&ch->check, &ch->check_t, &ch->check_cap, url, t) != 0) {
      return STATUS_SYSTEM;
    }
  }
  if (o->resume[0] && o->run.verbose)
    fprintf(stderr, "linkcheck: --resume %s: %zu of %zu links checked before\n", o->resume,
            ch->links.targets.n - ch->check.n, ch->links.targets.n);
  return url_list_index(&ch->check);
}

/* Rank 0: a network check came back (in list order, or with --resume as it completed). */
static void take_check(void *ctx, size_t k, fetch_result *r)
{
  checker *ch = ctx;
  link_target *t = &ch->t[ch->check_t[k]];
  fetch_result_free(&t->r);
  t->r = *r;
  t->done = 1;
  t->anchors = r->html && r->error == FETCH_OK && ch->o->fragments;
  memset(r, 0, sizeof *r);
  if (ch->journal.fd >= 0) {
    int rc = link_journal_append(&ch->journal, ch->check.urls[k], &t->r);
    if (rc != 0 && errno != EOVERFLOW && !ch->journal_failed) { /* an overlong URL: re-checked */
      fprintf(stderr, "linkcheck: cannot record a check in the --resume file: %s\n",
              strerror(errno));
      ch->journal_failed = 1;
    }
  }
  write_ready_rows(ch);
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

/* Rank 0: the URLs named, each once, as the first level. Returns 0 or STATUS_SYSTEM. */
static int start_level(checker *ch)
{
  url_list named = ch->level;
  int rc = url_list_index(&named);
  memset(&ch->level, 0, sizeof ch->level);
  for (size_t k = 0; rc == 0 && k < named.n; k++) {
    size_t t = link_set_target(&ch->links, named.urls[k]);
    if (t == (size_t)-1 || targets_fit(ch) != 0)
      rc = STATUS_SYSTEM;
    else if (!ch->t[t].queued) { /* a URL named twice is one page */
      ch->t[t].queued = 1;
      rc = list_add(&ch->level, &ch->level_t, &ch->level_cap, named.urls[k], t);
    }
  }
  url_list_free(&named);
  return rc != 0 || url_list_index(&ch->level) != 0 ? STATUS_SYSTEM : 0;
}

/* Rank 0: the local pages, the start URLs as the first level, the filters, the output and
 * the journal (the crawl's scope waits for the start pages' answers: scope_from_starts).
 * Returns 0, STATUS_USAGE or STATUS_SYSTEM after a message. */
static int prepare(checker *ch, char *const *names, int n, FILE **out)
{
  const linkcheck_options *o = ch->o;
  char root[PATH_MAX] = "", err[300];
  char *root_url = NULL;
  int rc = STATUS_SYSTEM;
  ch->read_status = linkcheck_pages_read(names, n, o->net.max_bytes, digest_flags(o),
                                         &ch->pages, &ch->level, root);
  if (ch->read_status == STATUS_SYSTEM || linkcheck_filters(o, &ch->filters) != 0)
    goto memory;
  if (o->root_dir[0])
    snprintf(root, sizeof root, "%s", o->root_dir);
  root_url = root[0] ? linkcheck_file_url(root) : NULL;
  if (o->root_dir[0] && !root_url) {
    fprintf(stderr, "linkcheck: --root-dir %s: %s\n", o->root_dir, strerror(errno));
    rc = STATUS_USAGE;
    goto out;
  }
  if (root_url) {
    size_t len = strlen(root_url);
    while (len > 7 && root_url[len - 1] == '/')
      root_url[--len] = '\0';
    snprintf(ch->root_url_buf, sizeof ch->root_url_buf, "%s", root_url);
    ch->filters.root_url = ch->root_url_buf;
  }
  ch->filters.fragments = o->fragments;
  ch->filters.internal = o->internal || o->recursive;
  for (size_t k = 0; k < ch->pages.n; k++) {
    page *g = &ch->pages.p[k];
    if (link_set_add_page(&ch->links, &ch->filters, k, g->url, g->digest, g->digest_len) != 0)
      goto memory;
    free(g->digest); /* its links are in: a local target reads its anchors itself */
    g->digest = NULL;
    g->digest_len = 0;
  }
  if (start_level(ch) != 0)
    goto memory;
  rc = STATUS_USAGE;
  if (o->output[0] && !(*out = fopen(o->output, "w"))) {
    fprintf(stderr, "linkcheck: cannot write %s: %s\n", o->output, strerror(errno));
    goto out;
  }
  if (o->resume[0] && link_journal_open(&ch->journal, o->resume, err, sizeof err) != 0) {
    fprintf(stderr, "linkcheck: --resume %s: %s\n", o->resume, err);
    goto out;
  }
  rc = 0;
  goto out;
memory:
  fprintf(stderr, "linkcheck: out of memory reading the pages\n");
out:
  free(root_url);
  return rc;
}

/* Rank 0, --dump: the links, one per line, unchecked. */
static int dump_links(checker *ch, FILE *out)
{
  for (size_t i = 0; i < ch->links.urls.n; i++)
    if (!ch->t[ch->links.target[i]].robots_skipped)
      fprintf(out, "%s\n", ch->links.urls.urls[i]);
  return fflush(out) != 0 || ferror(out) ? STATUS_SYSTEM : 0;
}

/* Collective: check the links of pages names[0..n) (named on rank 0). */
static int check(runtime *rt, run_record *rec, const linkcheck_options *o, char *const *names,
                 int n)
{
  checker ch;
  FILE *out = NULL;
  double seconds = 0, t0 = clock_now();
  int rc = 0;
  memset(&ch, 0, sizeof ch);
  ch.rt = rt;
  ch.o = o;
  ch.journal.fd = -1;
  link_set_init(&ch.links);
  html_links_init();
  rc = fetch_ranks_check_files(rt, "linkcheck", &o->net);
  if (rc == 0 && rt->rank == 0)
    rc = prepare(&ch, names, n, &out);
  rc = agree(rt, rc);
  if (rc == 0)
    rc = read_levels(&ch, &seconds);
  if (rc == 0 && rt->rank == 0 && plan_checks(&ch) != 0) {
    fprintf(stderr, "linkcheck: out of memory\n");
    rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
  if (o->dump) {
    if (rt->rank == 0)
      rc = dump_links(&ch, out ? out : stdout);
    rc = status_worst(agree(rt, rc), rt->rank == 0 ? ch.read_status : 0);
    goto out;
  }
  if (rt->rank == 0) {
    ch.rep.links = &ch.links;
    ch.rep.pages = &ch.pages;
    ch.rep.accept = &o->accept;
    link_report_begin(&ch.rep, out ? out : stdout, o->format);
    write_ready_rows(&ch);
  }
  fetch_config c = o->net;
  c.status_only = !o->fragments; /* a link's status is all we need, unless its anchors are */
  c.body_if_html = o->fragments;
  c.digest = o->fragments ? page_digest_fetched : NULL;
  if (o->fragments) /* anchors are in bodies, which a HEAD has not */
    c.method = FETCH_GET;
  c.digest_flags = 0;
  fetch_ranks_stats st = { 0, 0, 0 };
  /* --resume records each check as it completes (on one rank), not in link order. */
  rc = fetch_ranks_run(rt, &c, ch.check.urls, ch.check.n, o->resume[0] != 0, take_check, &ch,
                       &st);
  seconds += st.seconds;
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    write_ready_rows(&ch);
    if (link_report_end(&ch.rep, clock_now() - t0) != 0) {
      fprintf(stderr, "linkcheck: writing the rows failed\n");
      rc = STATUS_SYSTEM;
    }
    link_report_summary(&ch.rep, stderr, clock_now() - t0);
    if (ch.next_row < ch.links.urls.n)
      fprintf(stderr, "linkcheck: stopped by a signal: %zu of %zu links checked%s\n",
              ch.rep.rows.written, ch.links.urls.n,
              o->resume[0] ? "; run again with the same --resume to check the rest" : "");
    if (rc == 0)
      rc = ch.read_status ? ch.read_status : ch.journal_failed ? STATUS_SYSTEM
                                           : ch.rep.broken ? STATUS_FAILED : 0;
  }
  rc = status_worst(rc, append_summary(rt, rec, o, &ch.rep, ch.pages.n, ch.rep.rows.written,
                                       seconds));
out:
  if (out)
    fclose(out);
  link_report_free(&ch.rep);
  link_journal_close(&ch.journal);
  for (size_t t = 0; t < ch.tcap; t++)
    link_target_free(&ch.t[t]);
  free(ch.t);
  url_list_free(&ch.level);
  url_list_free(&ch.check);
  free(ch.level_t);
  free(ch.check_t);
  crawl_scope_free(&ch.scope);
  linkcheck_filters_free(&ch.filters);
  link_set_free(&ch.links);
  linkcheck_pages_free(&ch.pages);
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
