/* pow_space.c - maps chunk indices to batches. Layout of a candidate of L digits:
 * [L - K seed digits][K - W chunk digits][W scanned digits], K = min(L, 19), and W the
 * width the lane kernels want (pow_lanes_width: 4 + L % 4, or L below 4 digits). */
#include "pow_space.h"

#include <string.h>

#include "pow_lanes.h"

/* splitmix64: a tiny, well-mixed generator; only the seed's digits come from it. */
static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

int pow_space_init(pow_space *s, unsigned digits, uint64_t seed)
{
  if (digits < 1 || digits > MD5_ONE_BLOCK_MAX)
    return -1;
  memset(s, 0, sizeof *s);
  s->digits = digits;
  s->counter_digits = digits < POW_MAX_WIDTH ? digits : POW_MAX_WIDTH;
  s->chunk_digits = pow_lanes_width(digits);
  s->nchunks = 1;
  for (unsigned i = s->chunk_digits; i < s->counter_digits; i++)
    s->nchunks *= 10;
  uint64_t state = seed;
  for (unsigned i = 0; i < digits - s->counter_digits; i++)
    s->fixed[i] = (char)('0' + splitmix64(&state) % 10);
  s->offset = splitmix64(&state) % s->nchunks;
  return 0;
}

void pow_space_chunk(const pow_space *s, uint64_t i, pow_batch *out)
{
  char text[MD5_ONE_BLOCK_MAX + 1];
  unsigned head = s->digits - s->counter_digits;
  /* i and offset are both below nchunks <= 10^14, so the sum cannot wrap. */
  uint64_t id = (i + s->offset) % s->nchunks;
  memcpy(text, s->fixed, head);
  for (unsigned k = s->digits - s->chunk_digits; k-- > head; id /= 10)
    text[k] = (char)('0' + id % 10);
  memset(text + s->digits - s->chunk_digits, '0', s->chunk_digits);
  pow_batch_init(out, text, s->digits, s->chunk_digits);
}
