/* md5.h - MD5 (RFC 1321): the reference compression function and a whole-message digest.
 *
 * The step schedule lives here too, so the proof-of-work scanners run exactly the steps
 * this reference runs and a test against OpenSSL covers both. */
#ifndef KERNELS_MD5_H
#define KERNELS_MD5_H

#include <stddef.h>
#include <stdint.h>

#define MD5_BLOCK_BYTES 64
#define MD5_DIGEST_BYTES 16
/* The longest message that still fits one padded block: 64 - 1 (0x80) - 8 (length). */
#define MD5_ONE_BLOCK_MAX 55

/* The initial state words A, B, C, D. */
extern const uint32_t md5_init_state[4];

/* Runs steps [from, to) of the 64 MD5 steps on v = {a, b, c, d}, with the register roles
 * rotating as in the unrolled reference: step i updates v[(4 - i % 4) % 4]. After all 64
 * steps the caller adds the previous state. 0 <= from <= to <= 64. */
void md5_steps(uint32_t v[4], const uint32_t words[16], unsigned from, unsigned to);

/* Adds one 64-byte block to state (the full compression, feed-forward included). */
void md5_compress(uint32_t state[4], const unsigned char block[MD5_BLOCK_BYTES]);

/* Writes the MD5 digest of len bytes at msg into out. */
void md5_digest(const void *msg, size_t len, unsigned char out[MD5_DIGEST_BYTES]);

/* Writes the 32 lower-case hex digits of a digest and a terminating NUL into hex. */
void md5_hex(const unsigned char digest[MD5_DIGEST_BYTES], char hex[2 * MD5_DIGEST_BYTES + 1]);

/* Reads little-endian word i of a 64-byte block (MD5 is little-endian on every host). */
static inline uint32_t md5_load_word(const unsigned char *block, unsigned i)
{
  const unsigned char *p = block + 4 * i;
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
