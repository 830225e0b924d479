/* fetch_main.c - the fetch program: rank 0 parses the options and reads the URLs (cycled to
 * -n requests) and the body, every rank fetches the share rank 0 deals it, rank 0 writes the
 * rows as they come, then the load tester's summary (fetch_summary.h) on stderr, in the JSON
 * object and the results row; with no URLs, the teaching comparison of the backends against
 * the local test site. */
#define _POSIX_C_SOURCE 200809L
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
#include "fetch_summary.h"
#include "net_main.h"
#include "agree.h"
#include "buffer.h"
#include "collective.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"
#include "url_list.h"

/* Rank 0's sink: one row per result, counted; with --latency-rows a results row too. */
typedef struct row_sink {
  row_stream rows; /* rank 0 (rows.out is NULL elsewhere) */
  const char *const *urls;
  size_t n, ok, failed;
  runtime *rt;
  run_record *rec;
  const fetch_options *o;
  int csv_failed;
  int open_loop;      /* rows carry start_delay_s */
  fetch_summary *sum; /* rank 0: every result counted; NULL elsewhere */
} row_sink;

/* The URL's results row: its own time, for the latency distribution of the run. */
static void write_latency_row(row_sink *s, size_t i, const fetch_result *r)
{
  const fetch_config *c = &s->o->net;
  char params[128], result[64];
  snprintf(params, sizeof params, "url=%zu urls=%zu concurrency=%u", i, s->n,
           fetch_transfers(c));
  snprintf(result, sizeof result, "status=%ld %s", r->status, fetch_error_name(r->error));
  results_row row = {
    .tool = "fetch", .variant = fetch_backend_name(c->backend), .ranks = s->rt->size,
    .threads = (int)fetch_transfers(c), .params = params, .items = 1,
    .seconds = s->sum ? fetch_summary_latency(s->sum, r) : r->seconds,
    .unit = "request", .result = result,
  };
  if (run_record_write_row(s->rec, s->rt, "fetch", s->o->run.csv, &row) != 0)
    s->csv_failed = 1;
}

static void write_row(void *ctx, size_t i, fetch_result *r)
{
  row_sink *s = ctx;
  if (fetch_failed(r))
    s->failed++;
  else
    s->ok++;
  if (s->sum)
    fetch_summary_add(s->sum, r);
  if (s->rows.out)
    fetch_rows_write(&s->rows, i, s->urls[i], r, s->open_loop);
  if (s->o->latency_rows && s->o->run.csv[0] && !s->csv_failed)
    write_latency_row(s, i, r);
}

/* Collective: the results row on rank 0 (--csv), resource use summed over the ranks. */
static int append_summary(runtime *rt, run_record *rec, const fetch_options *o,
                          const fetch_config *c, size_t n, const row_sink *s,
                          const fetch_ranks_stats *st)
{
  char params[160], result[128];
  static const char *const methods[] = { [FETCH_GET] = "get", [FETCH_HEAD] = "head",
                                          [FETCH_HEAD_THEN_GET] = "head,get",
                                          [FETCH_POST] = "post" };
  int at = snprintf(params, sizeof params, "urls=%zu concurrency=%u loops=%u timeout=%g "
                    "method=%s", n, fetch_transfers(c), c->loops, c->timeout_s,
                    methods[c->method]);
  if (c->rate > 0 && at > 0 && (size_t)at < sizeof params)
    snprintf(params + at, sizeof params - (size_t)at, " rate=%g", c->rate);
  snprintf(result, sizeof result, "ok=%zu failed=%zu received_bytes=%llu", s->ok, s->failed,
           (unsigned long long)st->received);
  results_row row = {
    .tool = "fetch", .variant = fetch_backend_name(c->backend), .ranks = rt->size,
    .threads = (int)fetch_transfers(c), .params = params, .items = s->ok + s->failed,
    .seconds = st->seconds, .unit = "requests", .result = result,
  };
  return run_record_append_row(rec, rt, "fetch", o->run.csv, &row);
}

/* Rank 0: the URLs from the operands or -i. Returns 0, or a status code after a message. */
static int read_urls(const fetch_options *o, char **argv, url_list *l)
{
  char err[300];
  if (o->input[0]) {
    int rc = url_list_read(l, o->input, err, sizeof err);
    if (rc != 0) {
      fprintf(stderr, "fetch: %s\n", err);
      return rc;
    }
  } else {
    for (int i = 0; i < o->url_operands; i++) {
      const char *u = argv[o->first_url + i];
      if (url_list_add(l, u, strlen(u)) != 0) {
        fprintf(stderr, "fetch: out of memory for the URLs\n");
        return STATUS_SYSTEM;
      }
    }
  }
  if (l->n == 0) {
    fprintf(stderr, "fetch: no URLs in %s\n", o->input[0] ? o->input : "the arguments");
    return STATUS_USAGE;
  }
  return 0;
}

/* Rank 0: the requests, -n of them cycling through the list's n URLs (8 bytes each: the
 * strings stay in the list), or the list itself. Returns 0, or STATUS_SYSTEM after a
 * message. */
static int cycle_urls(const fetch_options *o, const url_list *l, const char ***requests,
                      size_t *n)
{
  *requests = (const char **)l->urls;
  *n = l->n;
  if (o->requests == 0)
    return 0;
  const char **r = malloc((size_t)o->requests * sizeof *r);
  if (!r) {
    fprintf(stderr, "fetch: out of memory for %llu requests\n",
            (unsigned long long)o->requests);
    return STATUS_SYSTEM;
  }
  for (uint64_t i = 0; i < o->requests; i++)
    r[i] = l->urls[i % l->n];
  *requests = r;
  *n = (size_t)o->requests;
  return 0;
}

#define DATA_MAX ((size_t)64 << 20)

/* Rank 0: -d's body: the text, or @FILE's bytes (a device or a pipe too, up to DATA_MAX).
 * Returns 0 with a malloc'd *data, or STATUS_USAGE / STATUS_SYSTEM after a message. */
static int read_data(const char *arg, char **data, size_t *len)
{
  *data = NULL;
  *len = 0;
  if (arg[0] != '@') {
    *len = strlen(arg);
    *data = malloc(*len + 1);
    if (!*data)
      return STATUS_SYSTEM;
    memcpy(*data, arg, *len + 1);
    return 0;
  }
  FILE *f = fopen(arg + 1, "rb");
  if (!f) {
    fprintf(stderr, "fetch: --data %s: %s\n", arg, strerror(errno));
    return STATUS_USAGE;
  }
  buffer b = { 0 };
  int rc = buffer_read(&b, f, DATA_MAX);
  if (rc == STATUS_SYSTEM)
    fprintf(stderr, "fetch: --data %s: out of memory\n", arg);
  else if (rc != 0)
    fprintf(stderr, "fetch: --data %s: %s\n", arg, strerror(errno));
  else if (b.len > DATA_MAX)
    fprintf(stderr, "fetch: --data %s: larger than 64 MiB\n", arg);
  fclose(f);
  if (rc == 0 && b.len <= DATA_MAX) {
    *data = b.p ? b.p : calloc(1, 1); /* an empty file: an empty body */
    *len = b.len;
    return *data ? 0 : STATUS_SYSTEM;
  }
  buffer_free(&b);
  return rc == STATUS_SYSTEM ? STATUS_SYSTEM : STATUS_USAGE;
}

/* Collective: rank 0's body to every rank, into c. Returns 0 or a status on every rank. */
static int share_data(const runtime *rt, char **data, size_t *len, fetch_config *c)
{
  unsigned long long n = *len;
  int rc = collective_bcast(rt, &n, 1, MPI_UNSIGNED_LONG_LONG);
  if (rc == 0 && rt->rank != 0) {
    *data = malloc(n ? n : 1);
    *len = n;
    if (!*data)
      fprintf(stderr, "fetch: rank %d: out of memory for the %llu-byte body\n", rt->rank, n);
  }
  rc = agree(rt, rc != 0 ? rc : *data ? 0 : STATUS_SYSTEM);
  if (rc == 0 && n > 0)
    rc = collective_bcast(rt, *data, (int)n, MPI_BYTE);
  c->data = *data;
  c->data_len = *len;
  return rc;
}

/* Rank 0: ends the rows; in JSON with the summary, or without it (NULL: the run did not end)
 * so that the rows written so far stay a valid document. Returns 0 or STATUS_SYSTEM. */
static int end_rows(row_stream *rows, const fetch_summary *sum, const fetch_summary_run *run)
{
  int rc = row_stream_end(rows);
  if (!rows->json)
    return rc;
  if (sum) {
    fputs(",\"summary\":", rows->out);
    fetch_summary_json(sum, run, rows->out);
  }
  fputs("}\n", rows->out);
  return status_worst(rc, row_stream_flush(rows));
}

/* Rank 0, after the rows: the summary on stderr and, in JSON, as the object's "summary". */
static int write_summary(const runtime *rt, const fetch_config *c, row_sink *s,
                         const fetch_ranks_stats *st, size_t n)
{
  fetch_summary_run run = { .seconds = st->seconds, .cpu_s = st->cpu_s,
                            .received = st->received, .ranks = rt->size,
                            .backend = fetch_backend_name(c->backend) };
  int rc = end_rows(&s->rows, s->sum, &run);
  if (rc != 0)
    fprintf(stderr, "fetch: writing the rows failed\n");
  if (s->sum->requests < n)
    fprintf(stderr, "fetch: stopped by a signal: %llu of %zu requests done\n",
            (unsigned long long)s->sum->requests, n);
  fetch_summary_print(s->sum, &run, stderr);
  return rc;
}

static int fetch_list(runtime *rt, run_record *rec, const fetch_options *o, char **argv)
{
  url_list l = { 0 };
  const char **requests = NULL;
  size_t n = 0;
  char *data = NULL;
  size_t data_len = 0;
  fetch_config c = o->net;
  fetch_summary sum;
  int have_sum = 0;
  row_sink sink = { .rt = rt, .rec = rec, .o = o, .open_loop = c.rate > 0 };
  fetch_ranks_stats st = { 0, 0, 0 };
  FILE *out = NULL;
  int rc = 0;
  if (rt->rank == 0) {
    rc = read_urls(o, argv, &l);
    if (rc == 0 && o->output[0]) {
      out = fopen(o->output, "w");
      if (!out) {
        fprintf(stderr, "fetch: cannot write %s: %s\n", o->output, strerror(errno));
        rc = STATUS_USAGE;
      }
    }
    if (rc == 0 && url_list_index(&l) != 0) {
      fprintf(stderr, "fetch: out of memory for the URLs\n");
      rc = STATUS_SYSTEM;
    }
    if (rc == 0)
      rc = cycle_urls(o, &l, &requests, &n);
    if (rc == 0 && o->data_given)
      rc = read_data(o->data, &data, &data_len);
    if (rc == 0 && fetch_summary_init(&sum, c.rate) != 0) {
      fprintf(stderr, "fetch: out of memory for the summary\n");
      rc = STATUS_SYSTEM;
    }
    have_sum = rc == 0;
  }
  rc = agree(rt, rc);
  if (rc == 0 && o->data_given)
    rc = share_data(rt, &data, &data_len, &c);
  if (rc == 0)
    rc = fetch_ranks_check_files(rt, "fetch", &c);
  if (rc != 0)
    goto out;
  int completion = 0;
  if (rt->rank == 0) {
    sink.urls = requests;
    sink.n = n;
    sink.sum = &sum;
    FILE *rows = out ? out : stdout;
    completion = o->order == ORDER_COMPLETION ||
                 (o->order == ORDER_AUTO && isatty(fileno(rows)));
    fetch_rows_begin(&sink.rows, rows, o->format == OUT_JSON, sink.open_loop);
  }
  rc = fetch_ranks_run(rt, &c, requests, n, completion, write_row, &sink, &st);
  if (rc != 0) {
    if (sink.rows.out)
      end_rows(&sink.rows, NULL, NULL);
    goto out;
  }
  if (rt->rank == 0) {
    rc = write_summary(rt, &c, &sink, &st, n);
    if (sink.csv_failed)
      rc = STATUS_SYSTEM;
    else if (sink.failed > 0)
      rc = status_worst(rc, STATUS_FAILED);
  }
  rc = status_worst(rc, append_summary(rt, rec, o, &c, n, &sink, &st));
out:
  if (out)
    fclose(out);
  if (have_sum)
    fetch_summary_free(&sum);
  if (requests != (const char **)l.urls)
    free(requests);
  free(data);
  url_list_free(&l);
  return rc;
}

/* No arguments: 100 requests that each wait 100 ms, by every backend, against the local site.
 * Every rank runs every row of the table unless a step fails on every rank alike. */
static int demo(runtime *rt, run_record *rec, const fetch_options *o)
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
  int rc = 0, found = 0;
  if (rt->rank == 0) {
    if (demo_site_start(&site, 1, err, sizeof err) != 0) {
      fprintf(stderr, "fetch: no arguments runs the demo against a local site, but %s; give "
              "URLs instead\n", err);
      rc = STATUS_USAGE;
    }
    snprintf(url, sizeof url, "%s/delay/%g", site.http, delay);
    for (int i = 0; rc == 0 && i < 100; i++)
      if (url_list_add(&l, url, strlen(url)) != 0)
        rc = STATUS_SYSTEM;
    if (rc == 0 && url_list_index(&l) != 0)
      rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  if (rt->rank == 0 && rc == 0)
    printf("fetch demo: requests to a local server that answers each after %g s, on %d rank%s\n"
           "%-8s %9s %8s %9s %12s %7s %7s\n", delay, rt->size, rt->size > 1 ? "s" : "",
           "backend", "in flight", "requests", "seconds", "lower bound", "ratio", "failed");
  for (size_t k = 0; rc == 0 && k < sizeof runs / sizeof runs[0]; k++) {
    fetch_config c = o->net;
    c.backend = runs[k].backend;
    c.concurrency = runs[k].concurrency;
    c.progress = 0;
    row_sink sink = { .rt = rt, .rec = rec, .o = o };
    fetch_ranks_stats st = { 0, 0, 0 };
    rc = fetch_ranks_check_files(rt, "fetch", &c);
    if (rc == 0)
      rc = fetch_ranks_run(rt, &c, l.urls, runs[k].urls, 0, write_row, &sink, &st);
    if (rc != 0)
      break;
    double waves = ceil((double)runs[k].urls / ((double)c.concurrency * rt->size));
    if (rt->rank == 0) {
      printf("%-8s %9u %8zu %9.3f %12.3f %7.2f %7zu\n", fetch_backend_name(c.backend),
             c.concurrency, runs[k].urls, st.seconds, waves * delay,
             st.seconds / (waves * delay), sink.failed);
      fflush(stdout);
      if (sink.failed > 0)
        found = STATUS_FAILED;
    }
    /* A row rank 0 could not write ends the demo on every rank. */
    rc = agree(rt, append_summary(rt, rec, o, &c, runs[k].urls, &sink, &st));
  }
  /* Whatever failed above, the site started here is stopped here. */
  if (rt->rank == 0)
    demo_site_stop(&site);
  url_list_free(&l);
  return rc != 0 ? rc : found;
}

static int run_fetch(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  const fetch_options *o = opts;
  (void)argc;
  return o->input[0] || o->url_operands > 0 ? fetch_list(rt, rec, o, argv) : demo(rt, rec, o);
}

int main(int argc, char **argv)
{
  fetch_options o;
  return net_main(argc, argv, &fetch_program, &o, run_fetch);
}
