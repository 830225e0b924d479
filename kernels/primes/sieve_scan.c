/* sieve_scan.c - counting, summing, twin counting and printing over wheel bytes, a 64-bit
 * word at a time where the work allows. */
#include "sieve_scan.h"

#include <string.h>

#include "wheel30.h"

static uint64_t count_words(const uint8_t *bits, size_t nbytes)
{
  uint64_t n = 0;
  for (size_t i = 0; i < nbytes; i += 8) /* the zero padding makes the last word whole */
    n += (uint64_t)__builtin_popcountll(sieve_load_word(bits + i));
  return n;
}

#if defined(__x86_64__) && defined(__GNUC__)
/* The same loop with the POPCNT instruction, which x86-64's baseline lacks (the generic
 * build calls a library routine per word, slower than the sieve itself). */
__attribute__((target("popcnt"))) static uint64_t count_words_popcnt(const uint8_t *bits,
                                                                     size_t nbytes)
{
  uint64_t n = 0;
  for (size_t i = 0; i < nbytes; i += 8)
    n += (uint64_t)__builtin_popcountll(sieve_load_word(bits + i));
  return n;
}
#endif

uint64_t sieve_scan_count(const sieve_segment *s)
{
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("popcnt"))
    return count_words_popcnt(s->bits, s->nbytes);
#endif
  return count_words(s->bits, s->nbytes);
}

uint64_t sieve_scan_sum(const sieve_tables *t, const sieve_segment *s)
{
  /* Byte i holds popcount primes of the form 30 * (first_byte + i) + residue. */
  uint64_t sum = 0;
  for (size_t i = 0; i < s->nbytes; i++) {
    uint8_t v = s->bits[i];
    sum += (uint64_t)__builtin_popcount(v) * 30 * (s->first_byte + i) + t->byte_sum[v];
  }
  return sum;
}

uint64_t sieve_scan_twins(const sieve_segment *s, int *carry)
{
  /* In one byte: 11 and 13 (bits 2, 3), 17 and 19 (bits 4, 5); across bytes: 29 (bit 7) and
   * the next byte's 31 (bit 0). */
  const uint64_t in_byte = 0x1414141414141414ull, across = 0x0001010101010101ull;
  uint64_t n = 0, c = (uint64_t)*carry;
  for (size_t i = 0; i < s->nbytes; i += 8) {
    uint64_t w = sieve_load_word(s->bits + i);
    n += (uint64_t)__builtin_popcountll(w & (w >> 1) & in_byte);
    n += (uint64_t)__builtin_popcountll((w >> 7) & (w >> 8) & across);
    n += c & w & 1;
    c = w >> 63;
  }
  /* The padding is zero, so the true last byte's bit 7 is the carry only when the segment
   * fills its last word; otherwise take it from the last byte. */
  if (s->nbytes % 8 != 0)
    c = s->bits[s->nbytes - 1] >> 7;
  *carry = (int)c;
  return n;
}

/* Writes v in decimal and a newline; returns the length. */
static size_t put_line(char *out, uint64_t v)
{
  char tmp[24];
  size_t k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (size_t j = 0; j < k; j++)
    out[j] = tmp[k - 1 - j];
  out[k] = '\n';
  return k + 1;
}

size_t sieve_scan_format(const sieve_segment *s, size_t *pos, char *buf, size_t n)
{
  size_t used = 0, i = *pos;
  /* A byte holds at most 8 primes of at most 20 digits each. */
  for (; i < s->nbytes && n - used >= 8 * 21; i++) {
    unsigned v = s->bits[i];
    const uint64_t base = 30 * (s->first_byte + i);
    while (v) {
      unsigned b = (unsigned)__builtin_ctz(v);
      v &= v - 1;
      used += put_line(buf + used, base + wheel30_residue[b]);
    }
  }
  *pos = i;
  return used;
}

int sieve_scan_collect(const sieve_segment *s, uint64_t *out, size_t *n, size_t cap)
{
  size_t k = *n;
  for (size_t i = 0; i < s->nbytes; i += 8) {
    uint64_t w = sieve_load_word(s->bits + i);
    while (w) {
      if (k == cap)
        return -1;
      unsigned b = (unsigned)__builtin_ctzll(w);
      w &= w - 1;
      out[k++] = 30 * (s->first_byte + i + b / 8) + wheel30_residue[b % 8];
    }
  }
  *n = k;
  return 0;
}
