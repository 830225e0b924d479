/* pow_target.h - what makes a proof-of-work coin: Z hex zeros at the end of the MD5 hex
 * digest, expressed as masks on the final state words so no candidate is ever formatted. */
#ifndef KERNELS_POW_TARGET_H
#define KERNELS_POW_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#define POW_MAX_ZEROS 32

typedef struct pow_target {
  uint32_t mask[4]; /* bits of the final A, B, C, D that must all be zero */
  unsigned zeros;   /* hex zeros asked for, 0..32 */
} pow_target;

/* Sets t for `zeros` trailing hex zeros; returns 0, or -1 when zeros > 32.
 * Five zeros give mask[3] == 0xFFFF0F00: the digest's last bytes are D's high bytes and the
 * hex digit before them is the low nibble of D's second byte. */
int pow_target_init(pow_target *t, unsigned zeros);

/* True when the finished state (feed-forward added) meets the target. */
static inline bool pow_target_met(const pow_target *t, const uint32_t state[4])
{
  return ((state[0] & t->mask[0]) | (state[1] & t->mask[1]) | (state[2] & t->mask[2]) |
          (state[3] & t->mask[3])) == 0;
}

/* True when the target needs only the final D word (zeros <= 8). */
static inline bool pow_target_d_only(const pow_target *t)
{
  return (t->mask[0] | t->mask[1] | t->mask[2]) == 0;
}

#endif
