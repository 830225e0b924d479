/* race_options.c - race's option table, parsing and checks. */
#define _POSIX_C_SOURCE 200809L
#include "race_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { KEY_METHOD = 4000, KEY_TASKS, KEY_INCREMENTS, KEY_REPEAT, KEY_DEMO, KEY_WORKERS,
       KEY_DEADLINE };

/* Up to 2^40 increments: minutes of work at the slowest method, never an overflow. */
#define MAX_INCREMENTS ((uint64_t)1 << 40)

static const cli_option race_table[] = {
  { "method", KEY_METHOD, "LIST", "comma-separated methods, or all (default): none, atomic, "
    "critical, lock, reduction, local, padded, packed" },
  { "tasks", KEY_TASKS, "N", "units of work shared by the threads (default 5000)" },
  { "increments", KEY_INCREMENTS, "N", "updates of the counter per task (default 100)" },
  { "repeat", KEY_REPEAT, "N", "runs per method and thread count; rows keep the median "
    "(default 5)" },
  { "demo", KEY_DEMO, "deadlock|semaphore[=N]", "deadlock: two locks taken in opposite order, "
    "detected and then fixed; semaphore=N: at most N workers inside at once (default 3)" },
  { "workers", KEY_WORKERS, "W", "workers of the semaphore demo (default 7)" },
  { "deadline", KEY_DEADLINE, "S", "seconds the deadlock demo waits for a lock before it calls "
    "it a deadlock (default 1)" },
  { NULL, 0, NULL, NULL },
};

static const cli_option *const race_tables[] = { race_table, cli_common_options, NULL };

static const char race_usage[] = "race [options]    (or: mpirun -np N race [options])";
static const char race_about[] =
  "What synchronisation costs and what its absence loses: every thread adds 1 to a shared\n"
  "counter, tasks x increments times in all (5000 x 100 = 500,000), once per method: none\n"
  "(plain read-modify-write: updates are lost), atomic, critical, lock, reduction, local\n"
  "(private counters summed at the end), and per-thread counters padded to their own cache\n"
  "lines or packed into one (false sharing). Each rank counts its share of the tasks; the\n"
  "totals are summed. Prints method, threads, total, expected, lost updates, seconds and\n"
  "ns per increment. With no arguments: every method on 1 thread and on every core.\n"
  "Exit status: 0 success (lost updates under none are the lesson, not a failure); 1 a\n"
  "synchronised method lost updates, or a demo went wrong; 2 usage error; 3 system error;\n"
  "130 / 143 stopped by SIGINT / SIGTERM (the rows of the runs done, partial).";

static const cli_program race_program = { "race", race_usage, race_about, race_tables };

static int parse_methods(const char *arg, unsigned *methods, char *err, size_t errlen)
{
  char list[256];
  if (strcmp(arg, "all") == 0) {
    *methods = (1u << RACE_METHODS) - 1;
    return CLI_RUN;
  }
  snprintf(list, sizeof list, "%s", arg);
  *methods = 0;
  for (char *p = list; *p;) {
    size_t n = strcspn(p, ",");
    int last = p[n] == '\0';
    p[n] = '\0';
    int m = race_method_from_name(p);
    if (m < 0) {
      snprintf(err, errlen, "--method: '%s' is not one of none, atomic, critical, lock, "
               "reduction, local, padded, packed, all", p);
      return CLI_USAGE;
    }
    *methods |= 1u << m;
    p += n + !last;
  }
  if (*methods == 0) {
    snprintf(err, errlen, "--method: the list is empty");
    return CLI_USAGE;
  }
  return CLI_RUN;
}

static int parse_demo(const char *arg, race_options *o, char *err, size_t errlen)
{
  uint64_t n;
  if (strcmp(arg, "deadlock") == 0) {
    o->mode = RACE_DEADLOCK;
    return CLI_RUN;
  }
  if (strcmp(arg, "semaphore") == 0) {
    o->mode = RACE_SEMAPHORE;
    return CLI_RUN;
  }
  if (strncmp(arg, "semaphore=", 10) == 0) {
    if (cli_take_count("demo semaphore", arg + 10, 1, 256, &n, err, errlen) != CLI_RUN)
      return CLI_USAGE;
    o->mode = RACE_SEMAPHORE;
    o->slots = (unsigned)n;
    return CLI_RUN;
  }
  snprintf(err, errlen, "--demo: '%s' is not deadlock, semaphore or semaphore=N", arg);
  return CLI_USAGE;
}

int race_options_parse(int argc, char **argv, race_options *o, char *err, size_t errlen)
{
  cli_parser p;
  uint64_t n;
  char *end;
  int c, rc;

  memset(o, 0, sizeof *o);
  run_options_defaults(&o->run);
  o->mode = RACE_TABLE;
  o->methods = (1u << RACE_METHODS) - 1;
  o->tasks = 5000;
  o->increments = 100;
  o->repeat = 5;
  o->slots = 3;
  o->workers = 7;
  o->deadline_s = 1.0;
  if (cli_begin(&p, &race_program, err, errlen) != CLI_RUN)
    return CLI_USAGE;
  for (;;) {
    c = cli_next(&p, argc, argv);
    if (c == -1)
      break;
    rc = CLI_RUN;
    switch (c) {
    case KEY_METHOD:
      rc = parse_methods(optarg, &o->methods, err, errlen);
      break;
    case KEY_TASKS:
      rc = cli_take_count("tasks", optarg, 1, MAX_INCREMENTS, &o->tasks, err, errlen);
      break;
    case KEY_INCREMENTS:
      rc = cli_take_count("increments", optarg, 1, MAX_INCREMENTS, &o->increments, err, errlen);
      break;
    case KEY_REPEAT:
      rc = cli_take_count("repeat", optarg, 1, 1000, &n, err, errlen);
      o->repeat = (unsigned)n;
      break;
    case KEY_DEMO:
      rc = parse_demo(optarg, o, err, errlen);
      break;
    case KEY_WORKERS:
      rc = cli_take_count("workers", optarg, 1, 256, &n, err, errlen);
      o->workers = (unsigned)n;
      break;
    case KEY_DEADLINE:
      o->deadline_s = strtod(optarg, &end);
      if (end == optarg || *end || !(o->deadline_s > 0 && o->deadline_s <= 3600)) {
        snprintf(err, errlen, "--deadline: '%s' is not a number of seconds from 0 to 3600",
                 optarg);
        rc = CLI_USAGE;
      }
      break;
    default:
      rc = cli_take_common(&race_program, c, argv, &o->run, err, errlen);
      break;
    }
    if (rc != CLI_RUN)
      return rc;
  }
  if (optind < argc) {
    snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
    return CLI_USAGE;
  }
  if (o->tasks > MAX_INCREMENTS / o->increments) {
    snprintf(err, errlen, "--tasks x --increments is over 2^40");
    return CLI_USAGE;
  }
  return CLI_RUN;
}
