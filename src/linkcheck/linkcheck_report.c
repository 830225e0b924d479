/* linkcheck_report.c - the row columns (url, class, status, final_url, seconds, error, pages,
 * count, retry_after) in both formats, the Markdown summary, the per-class counts and per-host
 * times behind the summary. */
#define _POSIX_C_SOURCE 200809L
#include "linkcheck_report.h"

#include <stdlib.h>
#include <string.h>

#include "linkcheck_options.h"
#include "net_options.h"
#include "status.h"

void link_report_begin(link_report *r, FILE *out, int format)
{
  strmap_init(&r->host_index);
  r->markdown = format == LINKCHECK_MARKDOWN;
  r->rows = (row_stream){
    .out = out, .json = format == OUT_JSON,
    .header = "url,class,status,final_url,seconds,error,pages,count,retry_after" };
  if (!r->markdown)
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

/* Markdown table text: a '|' or line break would end the cell. */
static void md_cell(buffer *b, const char *s)
{
  for (; s && *s; s++) {
    const char *put = *s == '|' ? "\\|" : *s == '\n' || *s == '\r' ? " " : NULL;
    buffer_append(b, put ? put : s, put ? strlen(put) : 1);
  }
}

static void md_broken_row(link_report *r, const char *url, int cls, const fetch_result *res,
                          const char *first_page)
{
  char status[16] = "";
  buffer *b = &r->broken_md;
  if (res->status)
    snprintf(status, sizeof status, "%ld", res->status);
  buffer_append(b, "| ", 2);
  md_cell(b, url);
  buffer_append(b, " | ", 3);
  md_cell(b, link_class_name(cls));
  buffer_append(b, " | ", 3);
  md_cell(b, status);
  buffer_append(b, " | ", 3);
  md_cell(b, first_page);
  buffer_append(b, " |\n", 3);
}

/* Link i appears on Markdown pages only (one row has one verdict: an HTML page's link to a
 * bare directory is broken, and its row says so). */
static int on_markdown(const link_report *r, size_t i)
{
  const link_set *s = r->links;
  for (size_t k = 0; k < s->npages[i]; k++)
    if (!linkcheck_markdown_name(r->pages->p[s->pages[i][k]].name))
      return 0;
  return s->npages[i] > 0;
}

void link_report_row(link_report *r, size_t i, const link_target *t)
{
  const link_set *s = r->links;
  const char *url = s->urls.urls[i];
  const fetch_result *res = &t->r;
  int cls = link_target_class(t, r->accept, link_set_fragment(s, i), on_markdown(r, i));
  const char *target = s->targets.urls[s->target[i]];
  const char *final = res->final_url && strcmp(res->final_url, target) != 0 ? res->final_url
                                                                             : NULL;
  const char *error = res->error ? res->message : NULL;
  r->per_class[cls]++;
  r->broken += link_class_broken(cls) != 0;
  if (!t->local)
    add_host_time(r, url, res->seconds);
  if (cls == LINK_MISSING_FILE)
    error = t->bare_dir ? "a directory without index.html" : "no such file";
  else if (cls == LINK_MISSING_FRAGMENT)
    error = "no such anchor in the page";
  const char **names = malloc((s->npages[i] ? s->npages[i] : 1) * sizeof *names);
  for (size_t k = 0; names && k < s->npages[i]; k++)
    names[k] = r->pages->p[s->pages[i][k]].name;
  if (r->markdown) {
    if (link_class_broken(cls))
      md_broken_row(r, url, cls, res, names && s->npages[i] ? names[0] : "");
    r->rows.written++;
    free(names);
    return;
  }
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
  row_text(w, "error", error);
  row_texts(w, "pages", names, names ? s->npages[i] : 0); /* out of memory: no page names */
  row_number(w, "count", "%zu", s->count[i]);
  if (res->retry_after)
    row_number(w, "retry_after", "%d", res->retry_after);
  else
    row_text(w, "retry_after", NULL);
  row_end(w);
  free(names);
}

/* The Markdown summary: counts per class, then the broken links. */
static void markdown_summary(link_report *r, double seconds)
{
  FILE *f = r->rows.out;
  fprintf(f, "## linkcheck: %zu broken link%s\n\n", r->broken, r->broken == 1 ? "" : "s");
  fprintf(f, "%zu pages, %zu links checked in %.1f s.\n\n| class | links |\n|---|---:|\n",
          r->pages->n, r->rows.written, seconds);
  for (int c = 0; c < LINK_CLASS_COUNT; c++)
    if (r->per_class[c])
      fprintf(f, "| %s%s | %zu |\n", link_class_name(c), link_class_broken(c) ? " (broken)" : "",
              r->per_class[c]);
  if (r->broken_md.len)
    fprintf(f, "\n| broken link | class | status | first page |\n|---|---|---:|---|\n%s",
            r->broken_md.p);
  fflush(f);
}

int link_report_end(link_report *r, double seconds)
{
  if (!r->markdown)
    return row_stream_end(&r->rows);
  markdown_summary(r, seconds);
  return ferror(r->rows.out) ? STATUS_SYSTEM : 0;
}

void link_report_summary(const link_report *r, FILE *err, double seconds)
{
  const link_set *s = r->links;
  fprintf(err, "linkcheck: %zu pages, %zu links found, %zu checked in %.2f s (skipped: %zu to the "
          "same page, %zu internal, %zu other schemes, %zu filtered", r->pages->n, s->found,
          r->rows.written, seconds, s->same_page, s->internal, s->other_scheme, s->filtered);
  if (r->robots_skipped)
    fprintf(err, ", %zu disallowed by robots.txt", r->robots_skipped);
  fputs(")\n", err);
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
  buffer_free(&r->broken_md);
  strmap_free(&r->host_index);
  for (size_t h = 0; h < r->nhosts; h++)
    free(r->hosts[h].name);
  free(r->hosts);
  r->hosts = NULL;
  r->nhosts = r->hosts_cap = 0;
}
