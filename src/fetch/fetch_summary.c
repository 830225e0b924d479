/* fetch_summary.c - counting the results and printing the summary in both forms from the
 * same figures. */
#define _POSIX_C_SOURCE 200809L
#include "fetch_summary.h"

#include <math.h>
#include <string.h>

static const double percentiles[] = { 50, 90, 99, 99.9 };
static const char *const percentile_names[] = { "p50", "p90", "p99", "p99.9" };
#define PERCENTILES (sizeof percentiles / sizeof percentiles[0])

static const char latency_method[] =
  "log-linear histogram of microseconds, 3 significant digits; nearest rank";

int fetch_summary_init(fetch_summary *s, double rate)
{
  memset(s, 0, sizeof *s);
  s->rate = rate;
  int a = latency_hist_init(&s->latency), b = latency_hist_init(&s->delay);
  if (a == 0 && b == 0)
    return 0;
  fetch_summary_free(s);
  return -1;
}

void fetch_summary_free(fetch_summary *s)
{
  latency_hist_free(&s->latency);
  latency_hist_free(&s->delay);
}

double fetch_summary_latency(const fetch_summary *s, const fetch_result *r)
{
  return s->rate > 0 ? r->latency : r->seconds;
}

/* Seconds to whole microseconds, as a row prints them. */
static uint64_t micros(double seconds)
{
  return seconds > 0 ? (uint64_t)llround(seconds * 1e6) : 0;
}

void fetch_summary_add(fetch_summary *s, const fetch_result *r)
{
  s->requests++;
  if (fetch_failed(r))
    s->failed++;
  else
    s->ok++;
  s->bytes += r->bytes;
  if (r->status > 0) {
    s->status[r->status >= 100 && r->status < 600 ? r->status : 0]++;
    /* In whole microseconds as its row prints it: the rows give the same percentiles. */
    latency_hist_add(&s->latency, micros(fetch_summary_latency(s, r)));
  }
  if (r->error != FETCH_OK && r->error < FETCH_ERROR_COUNT)
    s->failures[r->error]++;
  if (s->rate > 0) {
    latency_hist_add(&s->delay, micros(r->start_delay));
    s->late += r->start_delay > FETCH_LATE_S;
  }
}

static double seconds_of(uint64_t us)
{
  return (double)us / 1e6;
}

static double rate_of(const fetch_summary *s, const fetch_summary_run *run)
{
  return run->seconds > 0 ? (double)s->requests / run->seconds : 0;
}

void fetch_summary_print(const fetch_summary *s, const fetch_summary_run *run, FILE *out)
{
  fprintf(out, "fetch: %llu requests in %.3f s (%.0f requests/s) with %s on %d rank%s, %llu "
          "failed, %llu bytes received, %llu body bytes, %.3f s CPU\n",
          (unsigned long long)s->requests, run->seconds, rate_of(s, run), run->backend,
          run->ranks, run->ranks > 1 ? "s" : "", (unsigned long long)s->failed,
          (unsigned long long)run->received, (unsigned long long)s->bytes, run->cpu_s);
  fputs("fetch: status", out);
  const char *sep = " ";
  for (int code = 100; code < 600; code++)
    if (s->status[code]) {
      fprintf(out, "%s%d: %llu", sep, code, (unsigned long long)s->status[code]);
      sep = ", ";
    }
  if (s->status[0])
    fprintf(out, "%sother: %llu", sep, (unsigned long long)s->status[0]);
  fputs(sep[0] == ' ' ? " none" : "", out);
  sep = "; failed below HTTP: ";
  for (int e = 1; e < FETCH_ERROR_COUNT; e++)
    if (s->failures[e]) {
      fprintf(out, "%s%s: %llu", sep, fetch_error_name(e), (unsigned long long)s->failures[e]);
      sep = ", ";
    }
  fputc('\n', out);
  const latency_hist *h = &s->latency;
  if (h->n > 0) {
    fprintf(out, "fetch: latency (s) of %llu answers, %s: min %.6f", (unsigned long long)h->n,
            s->rate > 0 ? "from each request's scheduled start" : "curl's total time",
            seconds_of(h->min));
    for (size_t k = 0; k < PERCENTILES; k++)
      fprintf(out, " %s %.6f", percentile_names[k],
              seconds_of(latency_hist_percentile(h, percentiles[k])));
    fprintf(out, " max %.6f mean %.6f (%s)\n", seconds_of(h->max), h->sum / (double)h->n / 1e6,
            latency_method);
  }
  if (s->rate > 0)
    fprintf(out, "fetch: open loop at %g requests/s: %llu late (started over %g ms after "
            "their scheduled time), start delay p99 %.6f s, max %.6f s\n", s->rate,
            (unsigned long long)s->late, FETCH_LATE_S * 1e3,
            seconds_of(latency_hist_percentile(&s->delay, 99)), seconds_of(s->delay.max));
}

void fetch_summary_json(const fetch_summary *s, const fetch_summary_run *run, FILE *out)
{
  fprintf(out, "{\"requests\":%llu,\"ok\":%llu,\"failed\":%llu,\"seconds\":%.6f,"
          "\"requests_per_s\":%.3f,\"bytes\":%llu,\"received_bytes\":%llu,\"cpu_s\":%.3f,"
          "\"ranks\":%d,\"backend\":\"%s\",\"status\":{",
          (unsigned long long)s->requests, (unsigned long long)s->ok,
          (unsigned long long)s->failed, run->seconds, rate_of(s, run),
          (unsigned long long)s->bytes, (unsigned long long)run->received, run->cpu_s,
          run->ranks, run->backend);
  const char *sep = "";
  for (int code = 100; code < 600; code++)
    if (s->status[code]) {
      fprintf(out, "%s\"%d\":%llu", sep, code, (unsigned long long)s->status[code]);
      sep = ",";
    }
  if (s->status[0])
    fprintf(out, "%s\"other\":%llu", sep, (unsigned long long)s->status[0]);
  fputs("},\"failures\":{", out);
  sep = "";
  for (int e = 1; e < FETCH_ERROR_COUNT; e++)
    if (s->failures[e]) {
      fprintf(out, "%s\"%s\":%llu", sep, fetch_error_name(e), (unsigned long long)s->failures[e]);
      sep = ",";
    }
  const latency_hist *h = &s->latency;
  fprintf(out, "},\"latency_s\":{\"answers\":%llu,\"from\":\"%s\",\"method\":\"%s\"",
          (unsigned long long)h->n, s->rate > 0 ? "scheduled start" : "curl total time",
          latency_method);
  if (h->n > 0) {
    fprintf(out, ",\"min\":%.6f", seconds_of(h->min));
    for (size_t k = 0; k < PERCENTILES; k++)
      fprintf(out, ",\"%s\":%.6f", percentile_names[k],
              seconds_of(latency_hist_percentile(h, percentiles[k])));
    fprintf(out, ",\"max\":%.6f,\"mean\":%.6f", seconds_of(h->max),
            h->sum / (double)h->n / 1e6);
  }
  fputs("},\"open_loop\":", out);
  if (s->rate > 0)
    fprintf(out, "{\"rate\":%g,\"late\":%llu,\"late_after_s\":%g,\"start_delay_p99_s\":%.6f,"
            "\"start_delay_max_s\":%.6f}", s->rate, (unsigned long long)s->late, FETCH_LATE_S,
            seconds_of(latency_hist_percentile(&s->delay, 99)), seconds_of(s->delay.max));
  else
    fputs("null", out);
  fputc('}', out);
}
