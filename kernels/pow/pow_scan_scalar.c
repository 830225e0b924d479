/* pow_scan_scalar.c - the scalar proof-of-work scanner: plain 32-bit integer code, two
 * candidates interleaved, built without auto-vectorisation so it stays the scalar baseline
 * that vector kernels are measured against.
 *
 * Three shortcuts, none of which changes the answer:
 *  - round-1 steps before the first word holding a varying digit are the same for every
 *    candidate in the batch, so they run once per call (the switch jumps past them);
 *  - the final D word is complete after step 61, so steps 62 and 63 never run; targets of
 *    more than 8 zeros check the other words with the reference only for D's rare hits;
 *  - the next candidate is the previous one plus one, so only the changed digit bytes are
 *    rewritten (an odometer), never the whole message. */
#include <string.h>

#include "md5_schedule.h"
#include "pow_scan.h"

/* The odometer writes digits straight into the message words, which is right only where
 * byte i of the block is byte i % 4 of word i / 4. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "pow_scan_scalar needs little-endian");

/* Each step runs on two candidates (registers x0.. and x1..): one MD5 chain is a serial
 * dependency of about 5 cycles per step, so a second independent chain fills idle ALUs. */
#define S(fn, i, a, b, c, d) \
  do { \
    MD5_STEP(fn, a##0, b##0, c##0, d##0, w0[md5_g[i]], md5_k[i], md5_r[i]); \
    MD5_STEP(fn, a##1, b##1, c##1, d##1, w1[md5_g[i]], md5_k[i], md5_r[i]); \
  } while (0)
#define R1(i, a, b, c, d) S(MD5_F, i, a, b, c, d)
#define R2(i, a, b, c, d) S(MD5_G, i, a, b, c, d)
#define R3(i, a, b, c, d) S(MD5_H, i, a, b, c, d)
#define R4(i, a, b, c, d) S(MD5_I, i, a, b, c, d)

static int full_target_met(const uint32_t w[16], const pow_target *t)
{
  uint32_t state[4];
  memcpy(state, md5_init_state, sizeof state);
  md5_compress(state, (const unsigned char *)w);
  return pow_target_met(t, state);
}

/* Odometer: adds one to the decimal digits bytes[from..last]; '9' rolls over and carries,
 * never past `from`. */
static inline void odometer_next(unsigned char *bytes, unsigned from, unsigned last)
{
  for (unsigned k = last;; k--) {
    if (bytes[k] != '9') {
      bytes[k]++;
      return;
    }
    bytes[k] = '0';
    if (k == from)
      return;
  }
}

size_t pow_scan_scalar(const pow_batch *batch, const pow_target *t, uint64_t first,
                       uint64_t count, uint64_t *hits, size_t max_hits, uint64_t *scanned)
{
  uint32_t w0[16], w1[16];
  const unsigned last = batch->len - 1, vary_from = batch->len - batch->width;
  const unsigned first_step = vary_from / 4, first_word = vary_from / 4, last_word = last / 4;
  const size_t vary_bytes = 4 * (last_word - first_word + 1);
  const uint32_t d_mask = t->mask[3], d_init = md5_init_state[3];
  const int d_only = pow_target_d_only(t);
  uint32_t pre[4];
  size_t nhits = 0;
  uint64_t i;

  memcpy(w0, batch->block, sizeof w0);
  uint64_t lo = first;
  for (unsigned k = last + 1; k-- > vary_from; lo /= 10)
    ((unsigned char *)w0)[k] = (unsigned char)('0' + lo % 10);
  memcpy(w1, w0, sizeof w1);
  odometer_next((unsigned char *)w1, vary_from, last);
  memcpy(pre, md5_init_state, sizeof pre);
  md5_steps(pre, w0, 0, first_step);

  /* Candidates go in pairs; an odd last one runs with a spare lane whose result is ignored. */
  for (i = 0; i < count; i += 2) {
    uint32_t a0 = pre[0], b0 = pre[1], c0 = pre[2], d0 = pre[3];
    uint32_t a1 = pre[0], b1 = pre[1], c1 = pre[2], d1 = pre[3];
    switch (first_step) {
    case 0: R1(0, a, b, c, d); /* fall through */
    case 1: R1(1, d, a, b, c); /* fall through */
    case 2: R1(2, c, d, a, b); /* fall through */
    case 3: R1(3, b, c, d, a); /* fall through */
    case 4: R1(4, a, b, c, d); /* fall through */
    case 5: R1(5, d, a, b, c); /* fall through */
    case 6: R1(6, c, d, a, b); /* fall through */
    case 7: R1(7, b, c, d, a); /* fall through */
    case 8: R1(8, a, b, c, d); /* fall through */
    case 9: R1(9, d, a, b, c); /* fall through */
    case 10: R1(10, c, d, a, b); /* fall through */
    case 11: R1(11, b, c, d, a); /* fall through */
    case 12: R1(12, a, b, c, d); /* fall through */
    default: R1(13, d, a, b, c);
    }
    R1(14, c, d, a, b); R1(15, b, c, d, a);
    R2(16, a, b, c, d); R2(17, d, a, b, c); R2(18, c, d, a, b); R2(19, b, c, d, a);
    R2(20, a, b, c, d); R2(21, d, a, b, c); R2(22, c, d, a, b); R2(23, b, c, d, a);
    R2(24, a, b, c, d); R2(25, d, a, b, c); R2(26, c, d, a, b); R2(27, b, c, d, a);
    R2(28, a, b, c, d); R2(29, d, a, b, c); R2(30, c, d, a, b); R2(31, b, c, d, a);
    R3(32, a, b, c, d); R3(33, d, a, b, c); R3(34, c, d, a, b); R3(35, b, c, d, a);
    R3(36, a, b, c, d); R3(37, d, a, b, c); R3(38, c, d, a, b); R3(39, b, c, d, a);
    R3(40, a, b, c, d); R3(41, d, a, b, c); R3(42, c, d, a, b); R3(43, b, c, d, a);
    R3(44, a, b, c, d); R3(45, d, a, b, c); R3(46, c, d, a, b); R3(47, b, c, d, a);
    R4(48, a, b, c, d); R4(49, d, a, b, c); R4(50, c, d, a, b); R4(51, b, c, d, a);
    R4(52, a, b, c, d); R4(53, d, a, b, c); R4(54, c, d, a, b); R4(55, b, c, d, a);
    R4(56, a, b, c, d); R4(57, d, a, b, c); R4(58, c, d, a, b); R4(59, b, c, d, a);
    R4(60, a, b, c, d); R4(61, d, a, b, c);
    (void)a0; (void)b0; (void)c0; (void)a1; (void)b1; (void)c1;

    if (((d0 + d_init) & d_mask) == 0 && (d_only || full_target_met(w0, t))) {
      if (nhits == max_hits)
        break;
      hits[nhits++] = first + i;
    }
    if (i + 1 < count && ((d1 + d_init) & d_mask) == 0 && (d_only || full_target_met(w1, t))) {
      if (nhits == max_hits) {
        i++;
        break;
      }
      hits[nhits++] = first + i + 1;
    }
    /* Both lanes step by two: lane 0 takes lane 1's digits plus one. */
    memcpy((unsigned char *)w0 + 4 * first_word, (unsigned char *)w1 + 4 * first_word, vary_bytes);
    odometer_next((unsigned char *)w0, vary_from, last);
    memcpy((unsigned char *)w1 + 4 * first_word, (unsigned char *)w0 + 4 * first_word, vary_bytes);
    odometer_next((unsigned char *)w1, vary_from, last);
  }
  *scanned = i < count ? i : count;
  return nhits;
}
