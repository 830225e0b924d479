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

/* Rank 0 hands each accepted coin here, in the order accepted. Returns POW_SINK_OK, POW_SINK_BAD
 * (the sink re-verifies it; counted as bad) or POW_SINK_KNOWN (an earlier run of a resumed
 * search already has it; not counted). */
typedef int pow_coin_sink(const pow_coin *coin, void *ctx);
enum { POW_SINK_OK = 0, POW_SINK_BAD = 1, POW_SINK_KNOWN = 2 };

/* Rank 0, about every POW_CHECKPOINT_SECONDS and once at the end: every chunk below
 * watermark has been searched and each of its coins handed to the sink. Returns 0, or a
 * negative status code to stop the search (the state could not be saved). */
typedef int pow_checkpoint_fn(uint64_t watermark, void *ctx);
#define POW_CHECKPOINT_SECONDS 0.5

typedef struct pow_mine_config {
  pow_space space;
  pow_target target;
  pow_scan_fn *scan;
  uint64_t slice;        /* candidates scanned between two looks at the stop flag */
  uint64_t coins;        /* stop after this many coins, counting coins_before; 0: no limit */
  uint64_t coins_before; /* coins a resumed search already had */
  uint64_t first_chunk;  /* chunks below this were searched before (a resumed search) */
  pow_checkpoint_fn *checkpoint; /* NULL: no checkpoints */
  uint64_t chunks_per_rank; /* a rank takes at most this many chunks (weak scaling's fixed
                             * work per rank); 0: no limit. Not with checkpoint */
  double seconds; /* stop after this many seconds; 0: no limit */
  int progress;   /* rank 0 draws a status line on stderr */
} pow_mine_config;

typedef struct pow_mine_stats {
  uint64_t candidates; /* tested by this rank */
  uint64_t coins;      /* accepted by rank 0 (rank 0 only) */
  uint64_t bad;        /* coins the sink rejected (rank 0 only) */
  int exhausted;       /* the whole space was searched (rank 0 only; never with a budget) */
  int signal;          /* rank 0: the SIGINT or SIGTERM that stopped some rank early, or 0 */
  double seconds;      /* wall time from the common start to the last rank's last message */
  double stop_seconds; /* from rank 0's stop decision until every rank has stopped and its
                        * coins are in (rank 0 only) */
} pow_mine_stats;

/* Collective over MPI_COMM_WORLD. A SIGINT or SIGTERM on any rank (stop.h) stops every rank
 * as enough coins would. Returns 0; STATUS_SYSTEM on every rank when memory for the search ran
 * out (before it began or for the coins found); STATUS_MPI after an MPI or checkpoint failure
 * in the protocol, which only aborting the job can end. */
/* The slice for a kernel whose tiles are tile_lanes lane values wide (pow_kernel.tile_lanes):
 * whole tiles, at least 8,192 candidates (12,800 for AVX2 at 50 digits, a quarter to half a
 * millisecond of one thread), so a slice computes no tile twice across its edge. */
uint64_t pow_mine_slice(const pow_space *space, unsigned tile_lanes);

int pow_mine(const pow_mine_config *cfg, const runtime *rt, pow_coin_sink *sink, void *ctx,
             pow_mine_stats *stats);

#endif
