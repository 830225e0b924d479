/* pow_batch.c - lays out a batch's padded MD5 block and spells its candidates. */
#include "pow_scan.h"

#include <string.h>

int pow_batch_init(pow_batch *b, const char *digits, unsigned len, unsigned width)
{
  if (len < 1 || len > MD5_ONE_BLOCK_MAX || width < 1 || width > len || width > POW_MAX_WIDTH)
    return -1;
  memset(b->block, 0, sizeof b->block);
  for (unsigned i = 0; i < len; i++) {
    if (i < len - width && (digits[i] < '0' || digits[i] > '9'))
      return -1;
    b->block[i] = i < len - width ? (unsigned char)digits[i] : '0';
  }
  b->block[len] = 0x80;
  uint64_t bits = (uint64_t)len * 8;
  for (unsigned i = 0; i < 8; i++)
    b->block[56 + i] = (unsigned char)(bits >> (8 * i));
  b->len = len;
  b->width = width;
  return 0;
}

uint64_t pow_batch_size(const pow_batch *b)
{
  uint64_t n = 1;
  for (unsigned i = 0; i < b->width; i++)
    n *= 10;
  return n;
}

void pow_batch_candidate(const pow_batch *b, uint64_t lo, char out[MD5_ONE_BLOCK_MAX + 1])
{
  memcpy(out, b->block, b->len);
  for (unsigned i = b->len; i-- > b->len - b->width; lo /= 10)
    out[i] = (char)('0' + lo % 10);
  out[b->len] = '\0';
}
