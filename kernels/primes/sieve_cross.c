/* sieve_cross.c - the crossing-off loops: one state machine per wheel class (a switch over
 * the 64 wheel indices, each step a case with its constant mask and offset, as primesieve's
 * EratSmall/EratMedium), so that a step is an AND and an ADD with no table lookups and the
 * only dependency between steps is the byte index. */
#include "sieve_cross.h"

#include "wheel30.h"

/* The steps fall from one case into the next on purpose. */
#define FALL_THROUGH __attribute__((fallthrough))

/* Byte offset from multiplier class kc to kc + 1, beyond q * dk. */
#define EXTRA(rc, kc) (WHEEL30_OFF(rc, (kc) + 1) - WHEEL30_OFF(rc, kc))
#define DK(kc) (WHEEL30_W((kc) + 1) - WHEEL30_W(kc))

/* One multiple of class rc, multiplier class kc: leave (saving the state) at the end. */
#define STEP_LAST(rc, kc)                                                                    \
  case (rc) * 8 + (kc):                                                                   \
    if (i >= end) {                                                                       \
      wi = (rc) * 8 + (kc);                                                               \
      goto saved;                                                                         \
    }                                                                                     \
    seg[i] &= (uint8_t)~WHEEL30_MASK(rc, kc);                                             \
    i += q * DK(kc) + EXTRA(rc, kc);
#define STEP(rc, kc)                                                                      \
  STEP_LAST(rc, kc)                                                                       \
  FALL_THROUGH;

/* Whole turns of the wheel (8 multiples, p bytes) while the turn's last byte is in range. */
#define CLEAR(rc, j) x[q * (WHEEL30_W(j) - 1) + WHEEL30_OFF(rc, j)] &= (uint8_t)~WHEEL30_MASK(rc, j)
#define TURNS(rc)                                                                         \
  if (end > q * 28 + WHEEL30_OFF(rc, 7)) {                                                \
    const size_t p = 30 * q + WHEEL30_W(rc), stop = end - (q * 28 + WHEEL30_OFF(rc, 7));  \
    for (; i < stop; i += p) {                                                            \
      uint8_t *x = seg + i;                                                               \
      CLEAR(rc, 0); CLEAR(rc, 1); CLEAR(rc, 2); CLEAR(rc, 3);                             \
      CLEAR(rc, 4); CLEAR(rc, 5); CLEAR(rc, 6); CLEAR(rc, 7);                             \
    }                                                                                     \
  }

#define CLASS(rc)                                                                         \
  turn_##rc:                                                                              \
    TURNS(rc)                                                                             \
    FALL_THROUGH;                                                                         \
    STEP(rc, 0) STEP(rc, 1) STEP(rc, 2) STEP(rc, 3)                                       \
    STEP(rc, 4) STEP(rc, 5) STEP(rc, 6) STEP_LAST(rc, 7)                                       \
    goto turn_##rc;

void sieve_cross(uint8_t *seg, size_t end, sieve_prime *primes, size_t n)
{
  for (size_t k = 0; k < n; k++) {
    const size_t q = primes[k].q;
    size_t i = primes[k].idx;
    unsigned wi = primes[k].wi;
    if (i >= end)
      continue;
    /* Enter the state machine at this prime's wheel index; a class's case 0 first takes
     * whole turns. */
    switch (wi) {
      CLASS(0) CLASS(1) CLASS(2) CLASS(3) CLASS(4) CLASS(5) CLASS(6) CLASS(7)
    }
  saved:
    primes[k].idx = (uint32_t)i;
    primes[k].wi = wi;
  }
}
