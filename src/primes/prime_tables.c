/* prime_tables.c - building the sieve tables on every rank, collectively. */
#include "prime_tables.h"

#include <stdio.h>

#include "agree.h"

int prime_tables_init(const runtime *rt, const char *prog, sieve_tables *t)
{
  int mine = sieve_tables_init(t) != 0 ? STATUS_SYSTEM : 0;
  int rc = agree(rt, mine);
  if (rc != 0 && mine == 0)
    sieve_tables_free(t);
  if (rc == STATUS_SYSTEM && rt->rank == 0)
    fprintf(stderr, "%s: out of memory\n", prog);
  return rc;
}
