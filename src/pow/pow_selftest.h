/* pow_selftest.h - pow --test: known answers, each printed as OK or ERROR. */
#ifndef SRC_POW_SELFTEST_H
#define SRC_POW_SELFTEST_H

#include <stdio.h>

#include "status.h"

/* Runs every known-answer check, one line each on out, with every kernel a CPU with
 * `features` (POW_CPU_* bits) runs. Returns 0 when all pass, else STATUS_FAILED. */
int pow_selftest(FILE *out, unsigned features);

#endif
