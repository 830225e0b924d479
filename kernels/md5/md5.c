/* md5.c - the reference MD5: a plain loop over the shared step schedule, byte-order
 * independent. Correctness first; the fast paths live in the pow_scan_* kernels. */
#include "md5.h"

#include <string.h>

#include "md5_schedule.h"

const uint32_t md5_init_state[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };

static uint32_t md5_round_fn(unsigned step, uint32_t x, uint32_t y, uint32_t z)
{
  switch (step / 16) {
  case 0: return MD5_F(x, y, z);
  case 1: return MD5_G(x, y, z);
  case 2: return MD5_H(x, y, z);
  default: return MD5_I(x, y, z);
  }
}

void md5_steps(uint32_t v[4], const uint32_t words[16], unsigned from, unsigned to)
{
  for (unsigned i = from; i < to; i++) {
    unsigned ia = (4 - i % 4) % 4;
    uint32_t b = v[(ia + 1) % 4], c = v[(ia + 2) % 4], d = v[(ia + 3) % 4];
    uint32_t t = v[ia] + md5_round_fn(i, b, c, d) + words[md5_g[i]] + md5_k[i];
    v[ia] = b + md5_rotl(t, md5_r[i]);
  }
}

void md5_compress(uint32_t state[4], const unsigned char block[MD5_BLOCK_BYTES])
{
  uint32_t words[16], v[4];
  for (unsigned i = 0; i < 16; i++)
    words[i] = md5_load_word(block, i);
  memcpy(v, state, sizeof v);
  md5_steps(v, words, 0, 64);
  for (unsigned i = 0; i < 4; i++)
    state[i] += v[i];
}

void md5_digest(const void *msg, size_t len, unsigned char out[MD5_DIGEST_BYTES])
{
  const unsigned char *p = msg;
  uint32_t state[4];
  unsigned char block[MD5_BLOCK_BYTES];
  size_t left = len;

  memcpy(state, md5_init_state, sizeof state);
  for (; left >= MD5_BLOCK_BYTES; left -= MD5_BLOCK_BYTES, p += MD5_BLOCK_BYTES)
    md5_compress(state, p);

  /* Padding: 0x80, zeros, then the bit length; a second block when the length won't fit. */
  memset(block, 0, sizeof block);
  memcpy(block, p, left);
  block[left] = 0x80;
  if (left > MD5_ONE_BLOCK_MAX) {
    md5_compress(state, block);
    memset(block, 0, sizeof block);
  }
  uint64_t bits = (uint64_t)len * 8;
  for (unsigned i = 0; i < 8; i++)
    block[56 + i] = (unsigned char)(bits >> (8 * i));
  md5_compress(state, block);

  for (unsigned i = 0; i < 16; i++)
    out[i] = (unsigned char)(state[i / 4] >> (8 * (i % 4)));
}

void md5_hex(const unsigned char digest[MD5_DIGEST_BYTES], char hex[2 * MD5_DIGEST_BYTES + 1])
{
  static const char digits[] = "0123456789abcdef";
  for (unsigned i = 0; i < MD5_DIGEST_BYTES; i++) {
    hex[2 * i] = digits[digest[i] >> 4];
    hex[2 * i + 1] = digits[digest[i] & 15];
  }
  hex[2 * MD5_DIGEST_BYTES] = '\0';
}
