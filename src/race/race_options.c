/* race_options.c - race's option table, parsing and checks. */
#define _POSIX_C_SOURCE 200809L
#include "race_options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numparse.h"

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

static int parse_methods(const char *arg, unsigned *methods, char *err, size_t errlen)
{
  char list[256];
  if (strcmp(arg, "all") == 0) {
    *methods = (1u << RACE_METHODS) - 1;
    return 0;
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
      return STATUS_USAGE;
    }
    *methods |= 1u << m;
    p += n + !last;
  }
  if (*methods == 0) {
    snprintf(err, errlen, "--method: the list is empty");
    return STATUS_USAGE;
  }
  return 0;
}

static int parse_demo(const char *arg, race_options *o, char *err, size_t errlen)
{
  uint64_t n;
  if (strcmp(arg, "deadlock") == 0) {
    o->mode = RACE_DEADLOCK;
    return 0;
  }
  if (strcmp(arg, "semaphore") == 0) {
    o->mode = RACE_SEMAPHORE;
    return 0;
  }
  if (strncmp(arg, "semaphore=", 10) == 0) {
    if (cli_take_count("demo semaphore", arg + 10, 1, 256, &n, err, errlen) != 0)
      return STATUS_USAGE;
    o->mode = RACE_SEMAPHORE;
    o->slots = (unsigned)n;
    return 0;
  }
  snprintf(err, errlen, "--demo: '%s' is not deadlock, semaphore or semaphore=N", arg);
  return STATUS_USAGE;
}

static void race_defaults(void *opts)
{
  *(race_options *)opts = (race_options){
    .mode = RACE_TABLE, .methods = (1u << RACE_METHODS) - 1, .tasks = 5000, .increments = 100,
    .repeat = 5, .slots = 3, .workers = 7, .deadline_s = 1.0,
  };
}

static int race_take(void *opts, int key, const char *arg, char *err, size_t errlen)
{
  race_options *o = opts;
  uint64_t n = 0;
  int rc = 0;
  switch (key) {
  case KEY_METHOD:
    return parse_methods(arg, &o->methods, err, errlen);
  case KEY_TASKS:
    return cli_take_count("tasks", arg, 1, MAX_INCREMENTS, &o->tasks, err, errlen);
  case KEY_INCREMENTS:
    return cli_take_count("increments", arg, 1, MAX_INCREMENTS, &o->increments, err, errlen);
  case KEY_REPEAT:
    rc = cli_take_count("repeat", arg, 1, 1000, &n, err, errlen);
    o->repeat = (unsigned)n;
    return rc;
  case KEY_DEMO:
    return parse_demo(arg, o, err, errlen);
  case KEY_WORKERS:
    rc = cli_take_count("workers", arg, 1, 256, &n, err, errlen);
    o->workers = (unsigned)n;
    return rc;
  default: /* KEY_DEADLINE */
    if (numparse_double(arg, &o->deadline_s) != 0 ||
        !(o->deadline_s > 0 && o->deadline_s <= 3600)) {
      snprintf(err, errlen, "--deadline: '%s' is not a number of seconds from 0 to 3600", arg);
      return STATUS_USAGE;
    }
    return 0;
  }
}

static int race_finish(void *opts, int argc, char **argv, int first, char *err, size_t errlen)
{
  race_options *o = opts;
  if (cli_no_operands(argc, argv, first, err, errlen) != 0)
    return STATUS_USAGE;
  if (o->tasks > MAX_INCREMENTS / o->increments) {
    snprintf(err, errlen, "--tasks x --increments is over 2^40");
    return STATUS_USAGE;
  }
  return 0;
}

const cli_program race_program = {
  .name = "race", .usage = race_usage, .about = race_about, .options = race_table,
  .take = race_take, .size = sizeof(race_options), .run_offset = offsetof(race_options, run),
  .defaults = race_defaults, .finish = race_finish,
};
