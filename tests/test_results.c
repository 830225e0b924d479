/* test_results.c - the results CSV: header once, RFC 4180 quoting, rate = items / seconds,
 * the partial column, and 32 processes released at the same moment (a Slurm job array's
 * tasks) appending 20 rows each give exactly 32 x 20 whole rows and one header.
 * test_results --hostile FILE appends rows whose text fields hold commas, quotes and line
 * breaks, for the round trip through the plot script's loader (tests/csv_roundtrip.sh). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csv.h"
#include "results.h"
#include "test_util.h"

static int count_lines(const char *path, int *header_lines, int *bad_rows)
{
  char line[8192];
  int n = 0;
  FILE *f = fopen(path, "r");
  *header_lines = *bad_rows = 0;
  if (!f)
    return -1;
  while (fgets(line, sizeof line, f)) {
    n++;
    if (strncmp(line, "schema,", 7) == 0)
      (*header_lines)++;
    else if (strncmp(line, "3,writer,", 9) != 0 || line[strlen(line) - 1] != '\n')
      (*bad_rows)++;
  }
  fclose(f);
  return n;
}

/* The hostile rows: csv_roundtrip.sh expects exactly these fields back. */
static int write_hostile(const char *path)
{
  results_row rows[] = {
    { "fetch", "multi", 1, 4, "url=http://h/a,b tag=x", 3, 1.5, "requests",
      "error=\"quoted\", with comma", 0.1, 0.2, 300, "run,1", 0 },
    { "linkcheck", "omp", 2, 8, "page=\"a\nb\"", 7, 2.0, "links", "line one\nline two\r\nend",
      0, 0, 0, "run\"2", 0 },
    { "sieve", "count", 1, 2, "stop=100", 50, 0.5, "numbers", "primes=15", 0, 0, 0, "run3", 1 },
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    if (results_append(path, &rows[i]) != 0)
      return 1;
  return 0;
}

int main(int argc, char **argv)
{
  if (argc == 3 && strcmp(argv[1], "--hostile") == 0)
    return write_hostile(argv[2]);

  char dir[] = "/tmp/test_results.XXXXXX", path[256], line[8192];
  CHECK(mkdtemp(dir) != NULL, "mkdtemp");
  snprintf(path, sizeof path, "%s/r.csv", dir);

  results_row row = {
    .tool = "pow", .variant = "scalar", .ranks = 2, .threads = 3, .params = "a=1, \"b\"",
    .items = 1000, .seconds = 2.0, .unit = "candidates", .result = "ok", .cpu_user_s = 0.5,
    .cpu_sys_s = 0.25, .max_rss_kb = 1234, .run_id = "run-1",
  };
  int len = results_format(line, sizeof line, &row);
  CHECK(len > 0, "format");
  CHECK(strncmp(line, "3,pow,scalar,2,3,\"a=1, \"\"b\"\"\",1000,2.000000,500.000,candidates,ok,",
                66) == 0,
        "row starts: %s", line);
  CHECK(strstr(line, ",0.500,0.250,1234,run-1,0\n") != NULL, "resource columns: %s", line);
  row.partial = 1;
  results_format(line, sizeof line, &row);
  CHECK(strstr(line, ",run-1,1\n") != NULL, "a partial row says so: %s", line);
  row.partial = 0;
  CHECK(results_format(line, 20, &row) == STATUS_SYSTEM, "a short buffer is reported");

  /* Count the header's columns against a row's: both 20. */
  int header_cols = 1, row_cols = 1, quoted = 0;
  for (const char *p = results_header; *p; p++)
    header_cols += *p == ',';
  row.params = "plain";
  results_format(line, sizeof line, &row);
  for (const char *p = line; *p; p++) {
    quoted ^= *p == '"';
    row_cols += *p == ',' && !quoted;
  }
  CHECK(header_cols == 20 && row_cols == 20, "columns: header %d, row %d", header_cols, row_cols);

  /* Many writers at once: each child blocks on a pipe that the parent closes once all 32
   * exist, so their first appends race for the empty file (who writes the header). */
  enum { WRITERS = 32, ROWS = 20 };
  int gate[2];
  CHECK(pipe(gate) == 0, "pipe");
  for (int w = 0; w < WRITERS; w++) {
    pid_t pid = fork();
    if (pid == 0) {
      char c;
      close(gate[1]);
      if (read(gate[0], &c, 1) != 0) /* EOF: the gate opened */
        _exit(1);
      results_row r = {
        .tool = "writer", .variant = "x", .ranks = 1, .threads = 1, .params = "p", .items = 1,
        .seconds = 1.0, .unit = "u", .result = "r", .run_id = "w",
      };
      for (int i = 0; i < ROWS; i++)
        if (results_append(path, &r) != 0)
          _exit(1);
      _exit(0);
    }
  }
  close(gate[0]);
  close(gate[1]);
  int failed_children = 0, status;
  for (int w = 0; w < WRITERS; w++) {
    wait(&status);
    failed_children += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  CHECK(failed_children == 0, "%d writers failed", failed_children);
  int headers, bad;
  int lines = count_lines(path, &headers, &bad);
  CHECK(lines == 1 + WRITERS * ROWS && headers == 1 && bad == 0,
        "%d lines (want %d), %d headers, %d torn rows", lines, 1 + WRITERS * ROWS, headers, bad);

  CHECK(results_append("/nonexistent-dir/r.csv", &row) < 0, "unwritable path accepted");

  /* A file of another schema (an older header) is refused whole, before and at the append. */
  FILE *old = fopen(path, "w");
  CHECK(old && fputs("schema,tool,variant\n1,pow,scalar\n", old) >= 0 && fclose(old) == 0,
        "write an old-schema file");
  CHECK(!csv_header_matches(path, results_header), "another schema's header taken as ours");
  CHECK(results_append(path, &row) == STATUS_USAGE, "a row appended under another header");
  CHECK(count_lines(path, &headers, &bad) == 2, "the old file was changed");
  unlink(path);
  CHECK(csv_header_matches(path, results_header), "a missing file refused");
  CHECK(results_append(path, &row) == 0 && csv_header_matches(path, results_header),
        "a new file's header is not ours");
  unlink(path);
  rmdir(dir);
  return test_summary("test_results");
}
