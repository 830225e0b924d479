/* race_demos.h - the two lock demonstrations of the teaching material, made safe to run: a
 * deadlock that is detected instead of hanging, and a semaphore whose limit is checked. */
#ifndef SRC_RACE_DEMOS_H
#define SRC_RACE_DEMOS_H

#include <stdio.h>

#include "status.h"

/* Two threads take locks A and B in opposite order; each then tries for its second lock until
 * deadline_s passes, calls that a deadlock and backs off. Then both take A before B, which
 * always completes. Prints what happened to out. Returns 0 when the deadlock was detected and
 * the fixed order completed, STATUS_FAILED otherwise. */
int race_demo_deadlock(double deadline_s, FILE *out);

/* workers threads each enter a section guarded by a semaphore of slots, stay 100 ms and leave;
 * prints each worker's entry and exit times and the most that were inside at once. Returns 0
 * when that never exceeded slots, STATUS_FAILED when it did, STATUS_SYSTEM when the semaphore
 * could not be made. */
int race_demo_semaphore(unsigned slots, unsigned workers, FILE *out);

#endif
