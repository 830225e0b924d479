/* pow_mine.h - the parallel search: ranks x threads take disjoint chunks of the search space,
 * coins flow to rank 0, and rank 0 decides when everyone stops (enough coins, time up, or
 * the space exhausted) and tells every rank. */
#ifndef SRC_POW_MINE_H
#define SRC_POW_MINE_H

#include <stdint.h>

#include "pow_scan.h"
#include "pow_space.h"
#include "pow_target.h"
#include "runtime.h"

typedef struct pow_coin {
  uint64_t chunk; /* chunk index in the space */
  uint64_t lo;    /* candidate within the chunk */
} pow_coin;

typedef struct pow_mine_config {
  pow_space space;
  pow_target target;
  pow_scan_fn *scan;
  uint64_t coins; /* stop after this many coins; 0: no limit */
  double seconds; /* stop after this many seconds; 0: no limit */
  int progress;   /* rank 0 draws a status line on stderr */
} pow_mine_config;

/* Rank 0 hands each accepted coin here, in the order accepted; a non-zero return is counted
 * as a bad coin (the sink re-verifies it). */
typedef int pow_coin_sink(const pow_coin *coin, void *ctx);

typedef struct pow_mine_stats {
  uint64_t candidates; /* tested by this rank */
  uint64_t coins;      /* accepted by rank 0 (rank 0 only) */
  uint64_t bad;        /* coins the sink rejected (rank 0 only) */
  int exhausted;       /* the whole space was searched (rank 0 only) */
  double seconds;      /* wall time from the common start to the last rank's goodbye */
  double stop_seconds; /* from rank 0's stop decision to the last goodbye (rank 0 only) */
} pow_mine_stats;

/* Collective over MPI_COMM_WORLD. Returns 0, or -1 after an MPI or memory failure. */
int pow_mine(const pow_mine_config *cfg, const runtime *rt, pow_coin_sink *sink, void *ctx,
             pow_mine_stats *stats);

#endif
