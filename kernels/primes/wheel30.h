/* wheel30.h - the modulo-30 wheel every sieve here uses: one byte stands for 30 numbers and
 * its 8 bits for the residues coprime to 30 (1 7 11 13 17 19 23 29), so multiples of 2, 3
 * and 5 take no memory and no work.
 *
 * A sieving prime p = 30q + r (r a wheel residue, its "class" rc) crosses off p*k for k
 * coprime to 30, k = 30a + W(kc). The byte of p*k is a*p + q*W(kc) + (r*W(kc))/30 and its
 * bit is that of (r*W(kc)) % 30: so stepping k through the wheel moves by q*dk plus a small
 * constant, and 8 steps move exactly p bytes. The pair (rc, kc) is the "wheel index"
 * rc*8 + kc. Everything here is a constant expression, so the unrolled crossing loops in
 * sieve_cross.c compile to immediate masks and offsets. */
#ifndef KERNELS_WHEEL30_H
#define KERNELS_WHEEL30_H

#include <stdint.h>

/* The j-th wheel residue; W(8) = 31 closes the cycle. */
#define WHEEL30_W(j)                                                                      \
  ((j) == 0 ? 1 : (j) == 1 ? 7 : (j) == 2 ? 11 : (j) == 3 ? 13 : (j) == 4 ? 17           \
   : (j) == 5 ? 19 : (j) == 6 ? 23 : (j) == 7 ? 29 : 31)

/* The bit of residue x (x coprime to 30, 0 < x < 30). */
#define WHEEL30_BIT(x)                                                                    \
  ((x) == 1 ? 0 : (x) == 7 ? 1 : (x) == 11 ? 2 : (x) == 13 ? 3 : (x) == 17 ? 4           \
   : (x) == 19 ? 5 : (x) == 23 ? 6 : 7)

/* For a prime of class rc: the bit that multiplier class kc clears, and the byte offset of
 * multiplier class kc from multiplier class 0 without the q*(W(kc) - 1) part. */
#define WHEEL30_MASK(rc, kc) ((uint8_t)(1u << WHEEL30_BIT((WHEEL30_W(rc) * WHEEL30_W(kc)) % 30)))
#define WHEEL30_OFF(rc, kc) ((WHEEL30_W(rc) * WHEEL30_W(kc)) / 30)

/* One step of the wheel, for the loops that walk a prime one multiple at a time. */
typedef struct wheel30_step {
  uint8_t mask;     /* the bit to clear at the current byte */
  uint8_t dk;       /* the multiplier grows by dk: the byte by q * dk + extra */
  uint8_t extra;
  uint8_t next;     /* the wheel index after this step */
} wheel30_step;

extern const wheel30_step wheel30_steps[64];

/* The residue of each bit, and the bit of each residue mod 30 (0xFF for the others). */
extern const uint8_t wheel30_residue[8];
extern const uint8_t wheel30_bit_of[30];

/* The first multiple of p (p >= 7, coprime to 30) that is >= from and whose cofactor is
 * coprime to 30 and >= p. Sets *byte (the multiple / 30) and *wheel_index; returns 0, or -1
 * when that multiple is above limit (no multiple in range). */
int wheel30_first_multiple(uint64_t p, uint64_t from, uint64_t limit, uint64_t *byte,
                           unsigned *wheel_index);

#endif
