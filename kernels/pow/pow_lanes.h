/* pow_lanes.h - what the multi-lane proof-of-work kernels share: the layout of the varying
 * digits, the tile each kernel computes, and the driver that turns tiles into hits.
 *
 * Layout. A candidate of L >= 4 digits varies in its last 4 + L % 4 digits: the last word
 * made only of digits (the lane word, v = L / 4 - 1) and the L % 4 digits after it (in the
 * iteration word, v + 1, which the padding byte ends). Round 1 reads words in order, so
 *  - steps 0 .. v - 1 read only fixed digits: they run once per batch;
 *  - step v reads the lane word: it runs once per lane per tile, not per candidate;
 *  - steps v + 1 .. 61 run per candidate, with every message word other than the
 *    iteration word folded into its step constant, and the iteration word the same for
 *    every lane, so it too is a constant in each pass.
 * No other placement starts the per-candidate work later: word v + 1 is the last with any
 * digit, and it holds too few (at most 3) to fill the lanes.
 *
 * A tile is `lanes` consecutive lane-word values u0 .. u0 + lanes - 1 (4-digit numbers)
 * times `iters` iteration-word values; candidate (lane j, iteration k) has counter
 * lo = (u0 + j) * iters + k, so the hit bitmap bit j * iters + k is in counter order. */
#ifndef KERNELS_POW_LANES_H
#define KERNELS_POW_LANES_H

#include <stdint.h>

#include "pow_scan.h"

#define POW_TILE_MAX_LANES 128 /* the widest tile: AVX-512, 16 lanes x 8 groups */
#define POW_TILE_MAX_ITERS 1000 /* 10^3: the iteration word holds at most 3 digits */
#define POW_LANE_VALUES 10000   /* 10^4: the lane word holds 4 digits */

typedef struct pow_tile {
  /* v and v + 1. The iteration word's round-1 step, iter_word, is the first step run per
   * candidate. */
  unsigned lane_word, iter_word;
  unsigned lanes, iters;
  /* Steps in iter_word .. 61 that read the lane word (3 at most: its round-1 step is v) and the
   * iteration word (4 at most); every other step's word is fixed. */
  unsigned lane_steps[3], n_lane_steps, iter_steps[4], n_iter_steps;
  uint32_t addend[64];                         /* K[i] + M[g[i]] for steps on fixed words */
  uint32_t lane_addend[3][POW_TILE_MAX_LANES]; /* K[lane_steps[s]] + lane j's word */
  uint32_t iter_addend[4][POW_TILE_MAX_ITERS]; /* K[iter_steps[s]] + iteration k's word */
  uint32_t state[4][POW_TILE_MAX_LANES];        /* a, b, c, d of each lane after step v */
  uint32_t d_init, d_mask; /* candidate meets the D test when ((d + d_init) & d_mask) == 0 */
} pow_tile;

/* A kernel's tile: sets bit j * iters + k of hitmap (cleared by the caller) for every
 * candidate that meets the D test, and returns how many bits it set. */
typedef unsigned pow_tile_fn(const pow_tile *t, uint64_t *hitmap);

/* The scanned width the lane kernels need for L-digit candidates: 4 + L % 4 (L for L < 4,
 * where the lane kernels hand the batch to the scalar one). */
unsigned pow_lanes_width(unsigned len);

/* pow_scan_fn for a kernel whose tile is `lanes` wide (a multiple of its vector width, at
 * most POW_TILE_MAX_LANES). Batches of any other layout go to pow_scan_scalar. */
size_t pow_scan_lanes(const pow_batch *b, const pow_target *t, uint64_t first, uint64_t count,
                      uint64_t *hits, size_t max_hits, uint64_t *scanned, pow_tile_fn *tile,
                      unsigned lanes);

#endif
