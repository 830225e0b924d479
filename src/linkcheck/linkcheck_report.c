/* linkcheck_report.c - the row columns (url, class, status, final_url, seconds, error, pages,
 * count) in both formats, the per-class counts and per-host times behind the summary. */
#define _POSIX_C_SOURCE 200809L
#include "linkcheck_report.h"

#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "status.h"

void link_report_begin(link_report *r, FILE *out, int json)
{
  strmap_init(&r->host_index);
  r->rows = (row_stream){ .out = out, .json = json,
                          .header = "url,class,status,final_url,seconds,error,pages,count" };
  row_stream_begin(&r->rows);
}

/* "scheme://host:port" of url, for the per-host times. */
static void host_part(const char *url, char *out, size_t n)
{
  const char *p = strstr(url, "://");
  p = p ? p + 3 : url;
  size_t k = strcspn(p, "/?#");
  snprintf(out, n, "%.*s", (int)(p - url + (long)k), url);
}

static void add_host_time(link_report *r, const char *url, double seconds)
{
  char host[512];
  host_part(url, host, sizeof host);
  size_t h = strmap_get(&r->host_index, host);
  if (h == (size_t)-1) {
    if (buffer_grow(&r->hosts, &r->hosts_cap, r->nhosts + 1, sizeof *r->hosts) != 0)
      return; /* the summary loses a host, the rows lose nothing */
    char *name = strdup(host);
    h = name ? strmap_put(&r->host_index, host, r->nhosts) : (size_t)-1;
    if (h != r->nhosts) {
      free(name);
      return;
    }
    memset(&r->hosts[h], 0, sizeof r->hosts[h]);
    r->hosts[h].name = name;
    r->nhosts++;
  }
  r->hosts[h].total += seconds;
  r->hosts[h].max = seconds > r->hosts[h].max ? seconds : r->hosts[h].max;
  r->hosts[h].n++;
}

void link_report_row(link_report *r, size_t i, const fetch_result *res)
{
  const link_set *s = r->links;
  const char *url = s->urls.urls[i];
  int cls = link_classify(r->accept, res);
  const char *final = res->final_url && strcmp(res->final_url, url) != 0 ? res->final_url : NULL;
  r->per_class[cls]++;
  r->broken += link_class_broken(cls) != 0;
  add_host_time(r, url, res->seconds);
  const char **names = malloc((s->npages[i] ? s->npages[i] : 1) * sizeof *names);
  for (size_t k = 0; names && k < s->npages[i]; k++)
    names[k] = r->pages->p[s->pages[i][k]].name;
  row_stream *w = &r->rows;
  row_begin(w);
  row_text(w, "url", url);
  row_text(w, "class", link_class_name(cls));
  if (res->status)
    row_number(w, "status", "%ld", res->status);
  else
    row_text(w, "status", NULL);
  row_text(w, "final_url", final);
  row_number(w, "seconds", "%.6f", res->seconds);
  row_text(w, "error", res->error ? res->message : NULL);
  row_texts(w, "pages", names, names ? s->npages[i] : 0); /* out of memory: no page names */
  row_number(w, "count", "%zu", s->count[i]);
  row_end(w);
  free(names);
}

int link_report_end(link_report *r)
{
  return row_stream_end(&r->rows);
}


void link_report_summary(const link_report *r, FILE *err, double seconds)
{
  const link_set *s = r->links;
  size_t usable = 0;
  for (size_t k = 0; k < r->pages->n; k++)
    usable += r->pages->p[k].text != NULL;
  fprintf(err, "linkcheck: %zu pages, %zu links found, %zu checked in %.2f s (skipped: %zu to the "
          "same page, %zu internal, %zu other schemes, %zu filtered)\n", usable, s->found,
          s->urls.n, seconds, s->same_page, s->internal, s->other_scheme, s->filtered);
  for (int c = 0; c < LINK_CLASS_COUNT; c++)
    if (r->per_class[c])
      fprintf(err, "  %-20s %8zu%s\n", link_class_name(c), r->per_class[c],
              link_class_broken(c) ? "  broken" : "");
  /* The five slowest hosts by mean time, by selection: there are few. */
  int shown[5];
  int nshown = 0;
  for (; nshown < 5; nshown++) {
    size_t best = (size_t)-1;
    for (size_t h = 0; h < r->nhosts; h++) {
      int taken = 0;
      for (int k = 0; k < nshown; k++)
        taken |= (size_t)shown[k] == h;
      if (!taken && (best == (size_t)-1 || r->hosts[h].total / r->hosts[h].n >
                                                r->hosts[best].total / r->hosts[best].n))
        best = h;
    }
    if (best == (size_t)-1)
      break;
    shown[nshown] = (int)best;
  }
  if (nshown)
    fprintf(err, "  slowest hosts (mean / max seconds, links):\n");
  for (int k = 0; k < nshown; k++) {
    const host_time *t = &r->hosts[shown[k]];
    fprintf(err, "    %-40s %7.3f %7.3f %6zu\n", t->name, t->total / t->n, t->max, t->n);
  }
  fprintf(err, "linkcheck: %zu broken link%s\n", r->broken, r->broken == 1 ? "" : "s");
}

void link_report_free(link_report *r)
{
  strmap_free(&r->host_index);
  for (size_t h = 0; h < r->nhosts; h++)
    free(r->hosts[h].name);
  free(r->hosts);
  r->hosts = NULL;
  r->nhosts = r->hosts_cap = 0;
}
