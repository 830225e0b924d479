/* linkcheck_options.c - linkcheck's option table and checks. */
#define _POSIX_C_SOURCE 200809L
#include "linkcheck_options.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_options.h"

enum { KEY_ACCEPT = 4000, KEY_INTERNAL, KEY_INCLUDE, KEY_EXCLUDE, KEY_RESUME };

static const cli_option linkcheck_table[] = {
  { "accept", KEY_ACCEPT, "LIST", "statuses that count as ok (default 200-299)" },
  { "internal", KEY_INTERNAL, NULL, "also check links to the page's own host" },
  { "include", KEY_INCLUDE, "REGEX", "check only links matching (extended regex; repeatable)" },
  { "exclude", KEY_EXCLUDE, "REGEX", "skip links matching (repeatable)" },
  { "output", 'o', "FILE", "write the rows to FILE instead of standard output" },
  { "resume", KEY_RESUME, "FILE",
    "record each finished check in FILE; run again with the same FILE after a stop and the "
    "links it holds are reported from it, not checked again" },
  { "format", FETCH_KEY_FORMAT, "csv|json", "rows as CSV (default) or one JSON array" },
  { NULL, 0, NULL, NULL },
};

static const char linkcheck_usage[] = "linkcheck [options] PAGE...   (a URL, an HTML file or a "
                                      "directory of them)";
static const char linkcheck_about[] =
  "Finds every <a href> and <area href> of the pages with libxml2's HTML parser, resolves them\n"
  "against the page (or its <base href>), drops fragments and duplicates, and checks the\n"
  "external ones (--internal: all) with fetch's machinery. One row per link: url, class,\n"
  "status, final_url, seconds, error, pages, count. Classes: ok, redirected, client error,\n"
  "server error, rate limited (429, or 503 with Retry-After: retried, then reported, not\n"
  "broken), timeout, refused, dns failure, tls error, too many redirects, protocol error,\n"
  "invalid url, unexpected status. A summary per class and the slowest hosts go to stderr.\n"
  "Defaults: --timeout 5 --retries 2 --method head,get.\n"
  "With no PAGE: the teaching scenario, 100 pages of the project's local test site.\n"
  "Exit status: 0 no broken link; 1 broken links found; 2 usage or input error (a page that\n"
  "cannot be read); 3 system error; 130 / 143 stopped by SIGINT / SIGTERM (the checks that\n"
  "finished, also in the --resume file; the summary row is partial).";

enum { MAX_INTERVALS = 2, MAX_INTERVAL_BOUND = 100 };

/* Refuses the patterns for which glibc's regcomp takes memory exponential in their length
 * (tests/fuzz/fuzz_options found "e+++...+" taking 2 GB): a repetition operator right after
 * another, which POSIX leaves undefined for extended expressions, and {m,n} intervals past
 * a small bound or count (each copies what it repeats). Returns 0, or -1 with the reason. */
static int regex_is_tame(const char *re, char *why, size_t whylen)
{
  int prev_repeats = 0, intervals = 0;
  for (const char *p = re; *p; p++) {
    int repeats = 0;
    if (*p == '\\' && p[1]) {
      p++;
    } else if (*p == '[') { /* a bracket expression: ']' first is literal */
      const char *q = p + 1 + (p[1] == '^');
      q += *q == ']';
      while (*q && *q != ']')
        q++;
      if (!*q)
        break; /* regcomp reports it */
      p = q;
    } else if (*p == '*' || *p == '+' || *p == '?') {
      repeats = 1;
    } else if (*p == '{') {
      char *end;
      unsigned long lo = strtoul(p + 1, &end, 10), hi = lo;
      if (*end == ',')
        hi = end[1] == '}' ? MAX_INTERVAL_BOUND + 1 : strtoul(end + 1, &end, 10);
      if (++intervals > MAX_INTERVALS || lo > MAX_INTERVAL_BOUND || hi > MAX_INTERVAL_BOUND) {
        snprintf(why, whylen, "at most %d {m,n} intervals with bounds up to %d",
                 MAX_INTERVALS, MAX_INTERVAL_BOUND);
        return -1;
      }
      repeats = 1;
      while (*p && *p != '}')
        p++;
      if (!*p)
        break;
    }
    if (repeats && prev_repeats) {
      snprintf(why, whylen, "two repetition operators in a row, which POSIX leaves undefined");
      return -1;
    }
    prev_repeats = repeats;
  }
  return 0;
}

static int take_regex(char list[][256], int *n, const char *name, const char *arg, char *err,
                      size_t errlen)
{
  regex_t re;
  char why[128];
  if (*n == LINK_FILTERS_MAX || strlen(arg) >= 256) {
    snprintf(err, errlen, "--%s: at most %d patterns of 255 bytes", name, LINK_FILTERS_MAX);
    return STATUS_USAGE;
  }
  if (regex_is_tame(arg, why, sizeof why) != 0) {
    snprintf(err, errlen, "--%s: '%s': %s", name, arg, why);
    return STATUS_USAGE;
  }
  int rc = regcomp(&re, arg, REG_EXTENDED | REG_NOSUB);
  if (rc != 0) {
    regerror(rc, &re, why, sizeof why);
    snprintf(err, errlen, "--%s: '%s' is not an extended regular expression: %s", name, arg, why);
    return STATUS_USAGE;
  }
  regfree(&re);
  snprintf(list[(*n)++], 256, "%s", arg);
  return 0;
}

static void linkcheck_defaults(void *opts)
{
  linkcheck_options *o = opts;
  char err[64];
  fetch_config_defaults(&o->net);
  o->net.timeout_s = 5; /* the teaching code's */
  o->net.connect_timeout_s = 5;
  o->net.retries = 2;
  o->net.method = FETCH_HEAD_THEN_GET;
  link_accept_parse(&o->accept, "200-299", err, sizeof err);
  o->format = OUT_CSV;
}

static int linkcheck_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  linkcheck_options *o = opts;
  switch (key) {
  case KEY_ACCEPT:
    return link_accept_parse(&o->accept, arg, err, errlen);
  case KEY_INTERNAL:
    o->internal = 1;
    return 0;
  case KEY_INCLUDE:
    return take_regex(o->include, &o->n_include, "include", arg, err, errlen);
  case KEY_EXCLUDE:
    return take_regex(o->exclude, &o->n_exclude, "exclude", arg, err, errlen);
  case 'o':
    return cli_take_path(o->output, sizeof o->output, "--output", arg, err, errlen);
  case FETCH_KEY_FORMAT:
    return fetch_take_format(&o->format, arg, err, errlen);
  default: /* KEY_RESUME */
    return cli_take_path(o->resume, sizeof o->resume, "--resume", arg, err, errlen);
  }
}

static int linkcheck_finish(void *opts, int argc, char **argv, int first, char *err,
                            size_t errlen)
{
  linkcheck_options *o = opts;
  (void)argv;
  (void)err;
  (void)errlen;
  o->first_page = first;
  o->page_operands = argc - first;
  net_options_finish(&o->net, &o->run);
  return 0;
}

const cli_program linkcheck_program = {
  .name = "linkcheck", .usage = linkcheck_usage, .about = linkcheck_about,
  .options = linkcheck_table, .take = linkcheck_take,
  .shared = NET_OPTIONS_TABLE(linkcheck_options, net), .size = sizeof(linkcheck_options),
  .run_offset = offsetof(linkcheck_options, run), .unplaced = 1,
  .defaults = linkcheck_defaults, .finish = linkcheck_finish,
};

int linkcheck_filters(const linkcheck_options *o, link_filters *f)
{
  memset(f, 0, sizeof *f);
  f->internal = o->internal;
  for (int k = 0; k < o->n_include; k++, f->n_include++)
    if (regcomp(&f->include[k], o->include[k], REG_EXTENDED | REG_NOSUB) != 0)
      return STATUS_SYSTEM;
  for (int k = 0; k < o->n_exclude; k++, f->n_exclude++)
    if (regcomp(&f->exclude[k], o->exclude[k], REG_EXTENDED | REG_NOSUB) != 0)
      return STATUS_SYSTEM;
  return 0;
}

void linkcheck_filters_free(link_filters *f)
{
  for (int k = 0; k < f->n_include; k++)
    regfree(&f->include[k]);
  for (int k = 0; k < f->n_exclude; k++)
    regfree(&f->exclude[k]);
  f->n_include = f->n_exclude = 0;
}
