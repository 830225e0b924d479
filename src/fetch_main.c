/* fetch_main.c - the fetch program: rank 0 parses the options and reads the URLs, every rank
 * fetches its share, rank 0 writes the rows, a one-line summary on stderr and the results
 * row; with no URLs, the teaching comparison of the backends against the local test site. */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_site.h"
#include "fetch_options.h"
#include "fetch_ranks.h"
#include "fetch_rows.h"
#include "mpi_check.h"
#include "results.h"
#include "runtime.h"
#include "url_list.h"

enum { EXIT_FOUND_FAILURE = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

static int parse_fetch(int argc, char **argv, void *opts, char *err, size_t errlen)
{
  return fetch_options_parse(argc, argv, opts, err, errlen);
}

/* Rank 0's sink: one row per result, counted; with --latency-rows a results row too. */
typedef struct row_sink {
  fetch_rows rows;
  const char *const *urls;
  size_t n, ok, failed;
  runtime *rt;
  const fetch_options *o;
  int csv_failed;
} row_sink;

/* The URL's results row: its own time, for the latency distribution of the run. */
static void write_latency_row(row_sink *s, size_t i, const fetch_result *r)
{
  const fetch_config *c = &s->o->net;
  char params[128], result[64];
  snprintf(params, sizeof params, "url=%zu urls=%zu concurrency=%u", i, s->n,
           c->backend == FETCH_SEQ ? 1 : c->concurrency);
  snprintf(result, sizeof result, "status=%ld %s", r->status, fetch_error_name(r->error));
  results_row row = { "fetch", fetch_backend_name(c->backend), s->rt->size,
                      c->backend == FETCH_SEQ ? 1 : (int)c->concurrency, params, 1, r->seconds,
                      "request", result, 0, 0, 0, NULL, 0 };
  if (runtime_write_row(s->rt, "fetch", s->o->run.csv, &row) != 0)
    s->csv_failed = 1;
}

static void write_row(void *ctx, size_t i, fetch_result *r)
{
  row_sink *s = ctx;
  if (fetch_failed(r))
    s->failed++;
  else
    s->ok++;
  if (s->rows.out)
    fetch_rows_write(&s->rows, i, s->urls[i], r);
  if (s->o->latency_rows && s->o->run.csv[0] && !s->csv_failed)
    write_latency_row(s, i, r);
}

/* Collective: the results row on rank 0 (--csv), resource use summed over the ranks. */
static int append_summary(runtime *rt, const fetch_options *o, const fetch_config *c,
                          size_t n, const row_sink *s, const fetch_ranks_stats *st)
{
  char params[160], result[128];
  snprintf(params, sizeof params, "urls=%zu concurrency=%u loops=%u timeout=%g method=%s", n,
           c->backend == FETCH_SEQ ? 1 : c->concurrency, c->loops, c->timeout_s,
           c->method == FETCH_GET ? "get" : c->method == FETCH_HEAD ? "head" : "head,get");
  snprintf(result, sizeof result, "ok=%zu failed=%zu received_bytes=%llu", s->ok, s->failed,
           (unsigned long long)st->received);
  results_row row = { "fetch", fetch_backend_name(c->backend), rt->size,
                      c->backend == FETCH_SEQ ? 1 : (int)c->concurrency, params,
                      s->ok + s->failed, st->seconds, "requests", result, 0, 0, 0, NULL, 0 };
  return runtime_append_row(rt, "fetch", o->run.csv, &row);
}

/* Rank 0: the URLs from the operands or -i. Returns 0, or an exit status after a message. */
static int read_urls(const fetch_options *o, char **argv, url_list *l)
{
  char err[300];
  if (o->input[0]) {
    if (url_list_read(l, o->input, err, sizeof err) != 0) {
      fprintf(stderr, "fetch: %s\n", err);
      return EXIT_USAGE;
    }
  } else {
    for (int i = 0; i < o->url_operands; i++) {
      const char *u = argv[o->first_url + i];
      if (url_list_add(l, u, strlen(u)) != 0)
        return EXIT_SYSTEM;
    }
  }
  if (l->n == 0) {
    fprintf(stderr, "fetch: no URLs in %s\n", o->input[0] ? o->input : "the arguments");
    return EXIT_USAGE;
  }
  return 0;
}

static int fetch_list(runtime *rt, const fetch_options *o, char **argv)
{
  url_list l = { 0 };
  row_sink sink = { .rt = rt, .o = o };
  fetch_ranks_stats st = { 0, 0 };
  FILE *out = NULL;
  int status = 0;
  if (rt->rank == 0) {
    status = read_urls(o, argv, &l);
    if (status == 0 && o->output[0]) {
      out = fopen(o->output, "w");
      if (!out) {
        fprintf(stderr, "fetch: cannot write %s: %s\n", o->output, strerror(errno));
        status = EXIT_USAGE;
      }
    }
  }
  MPI_TRY(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (status == 0)
    status = fetch_ranks_check_files("fetch", &o->net);
  if (status != 0)
    goto out;
  if (url_list_share(rt, &l) != 0) {
    status = -1;
    goto out;
  }
  int completion = 0;
  if (rt->rank == 0) {
    sink.urls = l.urls;
    sink.n = l.n;
    sink.rows.out = out ? out : stdout;
    sink.rows.format = o->format;
    completion = o->order == ORDER_COMPLETION ||
                 (o->order == ORDER_AUTO && isatty(fileno(sink.rows.out)));
    fetch_rows_begin(&sink.rows);
  }
  if (fetch_ranks_run(rt, &o->net, l.urls, l.n, completion, write_row, &sink, &st) != 0) {
    status = EXIT_SYSTEM;
    goto out;
  }
  if (rt->rank == 0) {
    if (fetch_rows_end(&sink.rows) != 0) {
      fprintf(stderr, "fetch: writing the rows failed\n");
      status = EXIT_SYSTEM;
    }
    size_t done = sink.ok + sink.failed;
    if (done < l.n)
      fprintf(stderr, "fetch: stopped by a signal: %zu of %zu requests done\n", done, l.n);
    fprintf(stderr, "fetch: %zu requests in %.3f s (%.0f requests/s) with %s on %d rank%s, "
            "%zu failed, %llu bytes received\n", done, st.seconds, done / st.seconds,
            fetch_backend_name(o->net.backend), rt->size, rt->size > 1 ? "s" : "", sink.failed,
            (unsigned long long)st.received);
  }
  int rc = append_summary(rt, o, &o->net, l.n, &sink, &st);
  if (rc != 0)
    status = rc;
  else if (sink.csv_failed)
    status = EXIT_SYSTEM;
  else if (status == 0 && sink.failed > 0)
    status = EXIT_FOUND_FAILURE;
out:
  if (out)
    fclose(out);
  url_list_free(&l);
  return status;
}

/* No arguments: 100 requests that each wait 100 ms, by every backend, against the local site. */
static int demo(runtime *rt, const fetch_options *o)
{
  static const struct {
    int backend;
    unsigned concurrency;
    size_t urls;
  } runs[] = { { FETCH_SEQ, 1, 20 },     { FETCH_OMP, 10, 100 },  { FETCH_OMP, 100, 100 },
               { FETCH_MULTI, 10, 100 }, { FETCH_MULTI, 100, 100 } };
  const double delay = 0.1;
  demo_site site = { 0 };
  url_list l = { 0 };
  char err[300], url[300];
  int status = 0;
  if (rt->rank == 0) {
    if (demo_site_start(&site, 1, err, sizeof err) != 0) {
      fprintf(stderr, "fetch: no arguments runs the demo against a local site, but %s; give "
              "URLs instead\n", err);
      status = EXIT_USAGE;
    }
    snprintf(url, sizeof url, "%s/delay/%g", site.http, delay);
    for (int i = 0; status == 0 && i < 100; i++)
      if (url_list_add(&l, url, strlen(url)) != 0)
        status = EXIT_SYSTEM;
  }
  MPI_TRY(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD));
  if (status == 0 && url_list_share(rt, &l) != 0)
    status = -1;
  if (rt->rank == 0 && status == 0)
    printf("fetch demo: requests to a local server that answers each after %g s, on %d rank%s\n"
           "%-8s %9s %8s %9s %12s %7s %7s\n", delay, rt->size, rt->size > 1 ? "s" : "",
           "backend", "in flight", "requests", "seconds", "lower bound", "ratio", "failed");
  for (size_t k = 0; status == 0 && k < sizeof runs / sizeof runs[0]; k++) {
    fetch_config c = o->net;
    c.backend = runs[k].backend;
    c.concurrency = runs[k].concurrency;
    c.progress = 0;
    row_sink sink = { .rt = rt, .o = o };
    fetch_ranks_stats st = { 0, 0 };
    if (fetch_ranks_check_files("fetch", &c) != 0 ||
        fetch_ranks_run(rt, &c, l.urls, runs[k].urls, 0, write_row, &sink, &st) != 0) {
      status = EXIT_SYSTEM;
      break;
    }
    double waves = ceil((double)runs[k].urls / ((double)c.concurrency * rt->size));
    if (rt->rank == 0) {
      printf("%-8s %9u %8zu %9.3f %12.3f %7.2f %7zu\n", fetch_backend_name(c.backend),
             c.concurrency, runs[k].urls, st.seconds, waves * delay,
             st.seconds / (waves * delay), sink.failed);
      fflush(stdout);
    }
    int rc = append_summary(rt, o, &c, runs[k].urls, &sink, &st);
    if (rc != 0)
      status = rc;
    else if (sink.failed > 0)
      status = EXIT_FOUND_FAILURE;
  }
  if (rt->rank == 0)
    demo_site_stop(&site);
  url_list_free(&l);
  return status;
}

static int run_fetch(runtime *rt, void *opts, int argc, char **argv)
{
  const fetch_options *o = opts;
  (void)argc;
  /* Before any thread starts: curl_global_init is not thread-safe. */
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "fetch: curl_global_init failed\n");
    return EXIT_SYSTEM;
  }
  runtime_use_options(rt, &o->run);
  int status = o->input[0] || o->url_operands > 0 ? fetch_list(rt, o, argv) : demo(rt, o);
  curl_global_cleanup();
  return status;
}

int main(int argc, char **argv)
{
  fetch_options o;
  return runtime_main(argc, argv, "fetch", parse_fetch, &o, sizeof o, run_fetch);
}
