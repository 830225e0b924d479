/* race_options.h - the race program's command line. */
#ifndef SRC_RACE_OPTIONS_H
#define SRC_RACE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "race_counters.h"

typedef enum { RACE_TABLE, RACE_DEADLOCK, RACE_SEMAPHORE } race_mode;

typedef struct race_options {
  run_options run;
  race_mode mode;
  unsigned methods;      /* bit m set: run race_method m */
  uint64_t tasks;        /* --tasks: units of work, each --increments updates */
  uint64_t increments;
  unsigned repeat;       /* --repeat: runs per method and thread count; the median is kept */
  unsigned slots;        /* --semaphore N: workers let in at once */
  unsigned workers;      /* --workers W: workers of the semaphore demo */
  double deadline_s;     /* --deadline: how long the deadlock demo waits for a lock */
} race_options;

/* The command line of race, for cli_parse (rank 0) or runtime_main. */
extern const cli_program race_program;

#endif
