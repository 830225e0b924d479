/* sieve_selftest.h - `sieve --test`: known answers from published tables. */
#ifndef SRC_SIEVE_SELFTEST_H
#define SRC_SIEVE_SELFTEST_H

#include <stdio.h>

#include "sieve_engine.h"
#include "status.h"

/* Checks the engine against PrimePi(10^k), twin counts, a range at 10^12 and the primes just
 * below 2^64, printing OK or ERROR per line to out. Returns 0 when all pass, STATUS_FAILED
 * when any fails, STATUS_SYSTEM when memory ran out. */
int sieve_selftest(FILE *out, const sieve_tables *t, sieve_sizes sizes);

#endif
