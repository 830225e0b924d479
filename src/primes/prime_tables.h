/* prime_tables.h - the read-only sieve tables (kernels/sieve_tables.h) that sieve and trial
 * each build once per rank, with every rank agreeing whether that worked. */
#ifndef SRC_PRIME_TABLES_H
#define SRC_PRIME_TABLES_H

#include "runtime.h"
#include "sieve_tables.h"

/* Collective: builds the sieve tables on every rank. Returns 0 when every rank has them;
 * STATUS_SYSTEM when memory ran out on some rank (no rank keeps tables; rank 0 has said so
 * as PROG); STATUS_MPI. */
int prime_tables_init(const runtime *rt, const char *prog, sieve_tables *t);

#endif
