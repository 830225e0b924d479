/* pow_tile_body.h - the one tile loop every multi-lane kernel runs, written once over a
 * small vector vocabulary that each kernel defines before including this file:
 *
 *   VEC            a vector of VW 32-bit lanes
 *   GROUPS         independent vectors in flight: one step is a chain of four 2-cycle ops,
 *                  so about 7 groups keep 4 vector ALUs busy
 *   TILE_FN        the name of the pow_tile_fn to define
 *   vset1(x)       every lane x            vload(p)    VW lanes from p (any alignment)
 *   vadd(x, y)     lane-wise sum           vrol(x, r)  rotate left by the literal r
 *   vF vG vH vI    MD5's boolean functions of (b, c, d)
 *   vzero(x, m)    bit j set when lane j of x & m is 0
 *   vkeep(x)       an optimisation barrier on x (or nothing)
 *
 * Per candidate it runs steps start .. 61 (md5_unrolled.h): the add of a prepared addend
 * (K[i] plus the step's word: fixed, per lane, or per iteration), the boolean function, one
 * more add, the rotate and the add of b. Internal to kernels/. */
#include "md5_unrolled.h"
#include "pow_lanes.h"

_Static_assert(VW * GROUPS <= POW_TILE_MAX_LANES, "the tile is wider than pow_tile holds");

/* a + addend first, pinned by vkeep: compilers otherwise reassociate it into
 * (F + addend) + a, which puts one more add on every step's critical path. */
#define TILE_STEP(i, fn, r, a, b, c, d) \
  if (start <= (i)) { \
    for (int g = 0; g < GROUPS; g++) { \
      VEC x_ = vadd(a[g], add[i][g]); \
      vkeep(x_); \
      x_ = vadd(x_, v##fn(b[g], c[g], d[g])); \
      a[g] = vadd(b[g], vrol(x_, r)); \
    } \
  }

/* Inlined with a constant start, the step tests fold away and the compiler lays out just the
 * steps that run; with a variable one they stay (about 10% slower). */
static inline __attribute__((always_inline)) unsigned
tile_steps(const pow_tile *t, uint64_t *hitmap, const unsigned start)
{
  VEC add[62][GROUPS], state[4][GROUPS];
  const unsigned iters = t->iters;
  const VEC d_init = vset1(t->d_init), d_mask = vset1(t->d_mask);
  unsigned found = 0;

  for (unsigned i = start; i < 62; i++)
    for (int g = 0; g < GROUPS; g++)
      add[i][g] = vset1(t->addend[i]);
  for (unsigned s = 0; s < t->n_lane_steps; s++)
    for (int g = 0; g < GROUPS; g++)
      add[t->lane_steps[s]][g] = vload(&t->lane_addend[s][g * VW]);
  for (int r = 0; r < 4; r++)
    for (int g = 0; g < GROUPS; g++)
      state[r][g] = vload(&t->state[r][g * VW]);

  for (unsigned k = 0; k < iters; k++) {
    VEC a[GROUPS], b[GROUPS], c[GROUPS], d[GROUPS];
    for (unsigned s = 0; s < t->n_iter_steps; s++)
      for (int g = 0; g < GROUPS; g++)
        add[t->iter_steps[s]][g] = vset1(t->iter_addend[s][k]);
    for (int g = 0; g < GROUPS; g++) {
      a[g] = state[0][g];
      b[g] = state[1][g];
      c[g] = state[2][g];
      d[g] = state[3][g];
    }
    MD5_STEPS_1_TO_61(TILE_STEP)
    (void)a; (void)b; (void)c;

    uint32_t zero[GROUPS], any = 0;
    for (int g = 0; g < GROUPS; g++) {
      zero[g] = vzero(vadd(d[g], d_init), d_mask);
      any |= zero[g];
    }
    if (any == 0)
      continue;
    for (int g = 0; g < GROUPS; g++) {
      for (uint32_t m = zero[g]; m != 0; m &= m - 1) {
        size_t bit = (size_t)(g * VW + __builtin_ctz(m)) * iters + k;
        hitmap[bit / 64] |= (uint64_t)1 << (bit % 64);
        found++;
      }
    }
  }
  return found;
}

/* The first step run per candidate is the iteration word's round-1 step. Start 12 is the
 * default 50 digits (and any L of 48..51): it gets its own copy. */
static unsigned TILE_FN(const pow_tile *t, uint64_t *hitmap)
{
  if (t->iter_word == 12)
    return tile_steps(t, hitmap, 12);
  return tile_steps(t, hitmap, t->iter_word);
}

#undef TILE_STEP
