/* wheel30.c - the wheel's step table and the first multiple of a sieving prime in a range. */
#include "wheel30.h"

#define STEP(rc, kc)                                                                      \
  { WHEEL30_MASK(rc, kc), (uint8_t)(WHEEL30_W((kc) + 1) - WHEEL30_W(kc)),                 \
    (uint8_t)(WHEEL30_OFF(rc, (kc) + 1) - WHEEL30_OFF(rc, kc)),                           \
    (uint8_t)((rc) * 8 + ((kc) + 1) % 8) }
#define STEPS_OF_CLASS(rc)                                                                \
  STEP(rc, 0), STEP(rc, 1), STEP(rc, 2), STEP(rc, 3), STEP(rc, 4), STEP(rc, 5), STEP(rc, 6), \
    STEP(rc, 7)

const wheel30_step wheel30_steps[64] = {
  STEPS_OF_CLASS(0), STEPS_OF_CLASS(1), STEPS_OF_CLASS(2), STEPS_OF_CLASS(3),
  STEPS_OF_CLASS(4), STEPS_OF_CLASS(5), STEPS_OF_CLASS(6), STEPS_OF_CLASS(7),
};

const uint8_t wheel30_residue[8] = { 1, 7, 11, 13, 17, 19, 23, 29 };

#define X 0xFF
const uint8_t wheel30_bit_of[30] = { X, 0, X, X, X, X, X, 1, X, X, X, 2, X, 3, X,
                                     X, X, 4, X, 5, X, X, X, 6, X, X, X, X, X, 7 };
#undef X

/* The smallest k' >= k with k' coprime to 30, as k + wheel30_gap[k % 30]. */
static const uint8_t wheel30_gap[30] = { 1, 0, 5, 4, 3, 2, 1, 0, 3, 2, 1, 0, 1, 0, 3,
                                         2, 1, 0, 1, 0, 3, 2, 1, 0, 5, 4, 3, 2, 1, 0 };

int wheel30_first_multiple(uint64_t p, uint64_t from, uint64_t limit, uint64_t *byte,
                           unsigned *wheel_index)
{
  uint64_t k = from / p + (from % p != 0);
  if (k < p)
    k = p;
  k += wheel30_gap[k % 30];
  if (k > limit / p)
    return -1;
  uint64_t m = p * k;
  *byte = m / 30;
  *wheel_index = wheel30_bit_of[p % 30] * 8u + wheel30_bit_of[k % 30];
  return 0;
}
