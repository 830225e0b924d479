/* pow_lanes.c - the multi-lane driver: builds each tile (prefix steps once per batch, the
 * lane word's step once per lane, the per-step constants), hands it to a kernel, and reads
 * the kernel's hit bitmap back in counter order, re-checking words other than D with the
 * reference for targets of more than 8 zeros. */
#include "pow_lanes.h"

#include <stddef.h>
#include <string.h>

#include "md5_schedule.h"

unsigned pow_lanes_width(unsigned len)
{
  return len < 4 ? len : 4 + len % 4;
}

/* Word value of the 4-digit number u, most significant digit first in memory. */
static uint32_t four_digits(unsigned u)
{
  return (uint32_t)('0' + u / 1000) | (uint32_t)('0' + u / 100 % 10) << 8 |
         (uint32_t)('0' + u / 10 % 10) << 16 | (uint32_t)('0' + u % 10) << 24;
}

static uint64_t power_of_ten(unsigned n)
{
  uint64_t p = 1;
  while (n-- > 0)
    p *= 10;
  return p;
}

/* Everything about a batch that no tile changes. */
typedef struct lane_batch {
  uint32_t words[16];      /* the block, lane and iteration digits '0' */
  uint32_t iter_words[POW_TILE_MAX_ITERS];
  uint32_t prefix[4];      /* state after steps 0 .. v - 1 */
} lane_batch;

static void setup(const pow_batch *b, const pow_target *t, lane_batch *lb, pow_tile *tile,
                  unsigned lanes)
{
  unsigned v = b->len / 4 - 1, tail = b->len % 4;
  /* The counts and the fixed addends; the per-lane and per-iteration arrays after them (most
   * of the tile's 40 KB) are filled below and by fill_lanes for every entry the kernels read,
   * and a scan is called once per slice of a chunk (pow_mine.c), so they are not cleared. */
  memset(tile, 0, offsetof(pow_tile, lane_addend));
  tile->lane_word = v;
  tile->iter_word = v + 1;
  tile->lanes = lanes;
  tile->iters = (unsigned)power_of_ten(tail);
  tile->d_init = md5_init_state[3];
  tile->d_mask = t->mask[3];
  for (unsigned i = 0; i < 16; i++)
    lb->words[i] = md5_load_word(b->block, i);

  /* Iteration k spells k in the word's first `tail` bytes; the rest (0x80, zeros) stays. */
  for (unsigned k = 0; k < tile->iters; k++) {
    unsigned char bytes[4];
    memcpy(bytes, b->block + 4 * (v + 1), 4);
    unsigned n = k;
    for (unsigned j = tail; j-- > 0; n /= 10)
      bytes[j] = (unsigned char)('0' + n % 10);
    lb->iter_words[k] = md5_load_word(bytes, 0);
  }

  for (unsigned i = tile->iter_word; i < 62; i++) {
    tile->addend[i] = md5_k[i] + lb->words[md5_g[i]];
    if (md5_g[i] == v)
      tile->lane_steps[tile->n_lane_steps++] = i;
    if (md5_g[i] == v + 1) {
      unsigned s = tile->n_iter_steps++;
      tile->iter_steps[s] = i;
      for (unsigned k = 0; k < tile->iters; k++)
        tile->iter_addend[s][k] = md5_k[i] + lb->iter_words[k];
    }
  }
  memcpy(lb->prefix, md5_init_state, sizeof lb->prefix);
  md5_steps(lb->prefix, lb->words, 0, v);
}

/* Fills the lane-dependent part of the tile for lane-word values u0 .. u0 + lanes - 1.
 * Values past 9999 do not exist; those lanes repeat u0 and their bits lie past the range. */
static void fill_lanes(const lane_batch *lb, pow_tile *tile, unsigned u0)
{
  uint32_t words[16];
  memcpy(words, lb->words, sizeof words);
  for (unsigned j = 0; j < tile->lanes; j++) {
    unsigned u = u0 + j < POW_LANE_VALUES ? u0 + j : u0;
    uint32_t v[4];
    words[tile->lane_word] = four_digits(u);
    memcpy(v, lb->prefix, sizeof v);
    md5_steps(v, words, tile->lane_word, tile->lane_word + 1);
    for (unsigned r = 0; r < 4; r++)
      tile->state[r][j] = v[r];
    for (unsigned s = 0; s < tile->n_lane_steps; s++)
      tile->lane_addend[s][j] = md5_k[tile->lane_steps[s]] + words[tile->lane_word];
  }
}

static int full_target_met(const lane_batch *lb, const pow_tile *tile, const pow_target *t,
                           uint64_t lo)
{
  uint32_t words[16], state[4];
  memcpy(words, lb->words, sizeof words);
  words[tile->lane_word] = four_digits((unsigned)(lo / tile->iters));
  words[tile->iter_word] = lb->iter_words[lo % tile->iters];
  memcpy(state, lb->prefix, sizeof state); /* steps 0 .. v - 1 read only fixed words */
  md5_steps(state, words, tile->lane_word, 64);
  for (unsigned i = 0; i < 4; i++)
    state[i] += md5_init_state[i];
  return pow_target_met(t, state);
}

size_t pow_scan_lanes(const pow_batch *b, const pow_target *t, uint64_t first, uint64_t count,
                      uint64_t *hits, size_t max_hits, uint64_t *scanned, pow_tile_fn *kernel,
                      unsigned lanes)
{
  if (b->len < 4 || b->width != pow_lanes_width(b->len))
    return pow_scan_scalar(b, t, first, count, hits, max_hits, scanned);

  enum { MAP_WORDS = POW_TILE_MAX_LANES * POW_TILE_MAX_ITERS / 64 };
  pow_tile tile; /* about 40 KB of stack with lb and hitmap */
  lane_batch lb;
  uint64_t hitmap[MAP_WORDS];
  const int d_only = pow_target_d_only(t);
  const uint64_t end = first + count;
  size_t nhits = 0;

  setup(b, t, &lb, &tile, lanes);
  const uint64_t iters = tile.iters;
  const size_t map_words = (lanes * iters + 63) / 64;
  memset(hitmap, 0, map_words * sizeof *hitmap);
  for (uint64_t u0 = first / iters; u0 * iters < end; u0 += lanes) {
    fill_lanes(&lb, &tile, (unsigned)u0);
    if (kernel(&tile, hitmap) == 0)
      continue;
    for (size_t w = 0; w < map_words; w++) {
      for (uint64_t bits = hitmap[w]; bits != 0; bits &= bits - 1) {
        uint64_t lo = u0 * iters + 64 * w + (unsigned)__builtin_ctzll(bits);
        if (lo < first || lo >= end || (!d_only && !full_target_met(&lb, &tile, t, lo)))
          continue;
        if (nhits == max_hits) {
          *scanned = lo - first;
          return nhits;
        }
        hits[nhits++] = lo;
      }
    }
    memset(hitmap, 0, map_words * sizeof *hitmap);
  }
  *scanned = count;
  return nhits;
}
