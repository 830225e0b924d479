/* pow_target.c - builds the zero-tail masks from a count of hex zeros. */
#include "pow_target.h"

int pow_target_init(pow_target *t, unsigned zeros)
{
  if (zeros > POW_MAX_ZEROS)
    return -1;
  t->zeros = zeros;
  for (unsigned w = 0; w < 4; w++)
    t->mask[w] = 0;
  /* Hex digit c of the digest (0..31) is a nibble of byte c / 2: the high one when c is even.
   * Byte k of the digest is byte k % 4 of state word k / 4 (little-endian). */
  for (unsigned c = 32 - zeros; c < 32; c++) {
    unsigned byte = c / 2;
    unsigned shift = 8 * (byte % 4) + (c % 2 ? 0 : 4);
    t->mask[byte / 4] |= (uint32_t)0xF << shift;
  }
  return 0;
}
