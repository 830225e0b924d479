/* linkcheck_options.c - linkcheck's option table and checks. */
#define _POSIX_C_SOURCE 200809L
#include "linkcheck_options.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_options.h"

enum {
  KEY_ACCEPT = 4000, KEY_INTERNAL, KEY_INCLUDE, KEY_EXCLUDE, KEY_RESUME, KEY_RECURSIVE,
  KEY_SCOPE, KEY_DEPTH, KEY_IGNORE_ROBOTS, KEY_ROOT_DIR, KEY_FRAGMENTS, KEY_DUMP,
  KEY_ALL_ELEMENTS,
};

static const cli_option linkcheck_table[] = {
  { "accept", KEY_ACCEPT, "LIST", "statuses that count as ok (default 200-299)" },
  { "internal", KEY_INTERNAL, NULL, "also check links to the page's own host (local links "
    "between files are always checked)" },
  { "include", KEY_INCLUDE, "REGEX", "check only links matching (extended regex; repeatable)" },
  { "exclude", KEY_EXCLUDE, "REGEX", "skip links matching (repeatable)" },
  { "output", 'o', "FILE", "write the rows to FILE instead of standard output" },
  { "resume", KEY_RESUME, "FILE",
    "record each finished check in FILE; run again with the same FILE after a stop and the "
    "links it holds are reported from it, not checked again" },
  { "format", FETCH_KEY_FORMAT, "csv|json|markdown", "rows as CSV (default) or one JSON array, "
    "or a Markdown summary with the broken links (a CI comment)" },
  { "recursive", 'r', NULL, "crawl: follow links to HTML pages in scope, check every link "
    "found (internal ones too); each page fetched once" },
  { "scope", KEY_SCOPE, "host|prefix", "--recursive follows pages on a start URL's host "
    "(default), or under its directory" },
  { "depth", KEY_DEPTH, "N", "--recursive: at most N levels of pages below the start pages "
    "(default: unlimited)" },
  { "ignore-robots", KEY_IGNORE_ROBOTS, NULL, "--recursive: crawl what robots.txt disallows" },
  { "root-dir", KEY_ROOT_DIR, "DIR", "local pages: a link starting with / names a file under "
    "DIR (default: the directory given)" },
  { "fragments", KEY_FRAGMENTS, NULL, "check #name against the target's id and <a name> "
    "(Markdown: heading anchors); reads HTML bodies" },
  { "all-elements", KEY_ALL_ELEMENTS, NULL, "also img, script, link, iframe, source (src, href, "
    "srcset), not only <a> and <area>" },
  { "dump", KEY_DUMP, NULL, "list the links that would be checked, one per line; check none" },
  { NULL, 0, NULL, NULL },
};

static const char linkcheck_usage[] =
  "linkcheck [options] PAGE...   (a URL, an HTML or Markdown file, or a directory of them)";
static const char linkcheck_about[] =
  "Finds the links of the pages (<a href>, <area href>; --all-elements: img, script, link,\n"
  "iframe, source) with libxml2's HTML parser or, for *.md, cmark's CommonMark parser, resolves\n"
  "them against the page (or its <base href>), drops fragments (--fragments: checks them) and\n"
  "duplicates, and checks the external ones (--internal, --recursive: all) with fetch's\n"
  "machinery; links between local files are looked up on disk. One row per link: url, class,\n"
  "status, final_url, seconds, error, pages, count, retry_after. Classes: ok, redirected,\n"
  "client error, server error, rate limited (429, or 503 with Retry-After: retried where the\n"
  "wait fits in the deadline, else reported at once with the server's Retry-After; not\n"
  "broken), timeout, refused, dns failure, tls error, too many redirects, protocol error,\n"
  "invalid url, unexpected status, missing file, missing fragment. A summary per class and\n"
  "the slowest hosts go to stderr. A link is asked with GET and its body cut once the status\n"
  "is known (HEAD is answered wrongly by many servers and leaves a connection no client can\n"
  "safely reuse). Defaults: --timeout 5 (the deadline of a link, retries included)\n"
  "--retries 2 --method get.\n"
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
  /* GET, cut once the status is known, not HEAD: servers answer HEAD wrongly (405, 404, a
   * dropped connection), and after a HEAD no client can tell when a server is done with the
   * request, so the connection cannot be reused safely. Cutting the body costs the
   * connection, which is closed, never a verdict. */
  o->net.method = FETCH_GET;
  link_accept_parse(&o->accept, "200-299", err, sizeof err);
  o->format = OUT_CSV;
}

static int linkcheck_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  static const char *const formats[] = { "csv", "json", "markdown", NULL };
  static const char *const scopes[] = { "host", "prefix", NULL }; /* SCOPE_HOST, SCOPE_PREFIX */
  linkcheck_options *o = opts;
  uint64_t v = 0;
  int rc;
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
    return cli_take_choice("format", arg, formats, &o->format, err, errlen);
  case 'r':
    o->recursive = 1;
    return 0;
  case KEY_SCOPE:
    return cli_take_choice("scope", arg, scopes, &o->scope, err, errlen);
  case KEY_DEPTH:
    rc = cli_take_count("depth", arg, 1, 1000000, &v, err, errlen);
    o->depth = (unsigned)v;
    return rc;
  case KEY_IGNORE_ROBOTS:
    o->ignore_robots = 1;
    return 0;
  case KEY_ROOT_DIR:
    return cli_take_path(o->root_dir, sizeof o->root_dir, "--root-dir", arg, err, errlen);
  case KEY_FRAGMENTS:
    o->fragments = 1;
    return 0;
  case KEY_ALL_ELEMENTS:
    o->all_elements = 1;
    return 0;
  case KEY_DUMP:
    o->dump = 1;
    return 0;
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
