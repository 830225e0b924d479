/* sieve_engine.c - the segment loop: adding sieving primes as the range climbs, pre-sieving,
 * crossing off by size class, and trimming each segment to [lo, hi]. */
#include "sieve_engine.h"

#include <stdlib.h>
#include <string.h>

#include "wheel30.h"

#define MIN_SEGMENT ((size_t)1 << 10)
#define MAX_SEGMENT ((size_t)1 << 26) /* bucket entries keep the byte index in 26 bits */
/* Small primes are those of at most block/8 bytes (at least 64 multiples per block), for
 * which whole unrolled turns pay; larger ones cross the whole segment at once. Measured on
 * Zen 5 (48 KiB L1d) for 1e10: block/1 took 1.14 s, block/4 0.78 s, block/8 0.77 s. */
#define SMALL_PER_BLOCK 8

uint64_t sieve_isqrt(uint64_t n)
{
  /* Bit by bit: exact for every 64-bit n, and no floating point to round. */
  uint64_t root = 0, bit = (uint64_t)1 << 62;
  while (bit > n)
    bit >>= 2;
  while (bit != 0) {
    if (n >= root + bit) {
      n -= root + bit;
      root = (root >> 1) + bit;
    } else {
      root >>= 1;
    }
    bit >>= 2;
  }
  return root;
}

static size_t floor_pow2(size_t n)
{
  size_t p = 1;
  while (p * 2 <= n)
    p *= 2;
  return p;
}

static size_t ceil_pow2(size_t n)
{
  size_t p = 1;
  while (p < n)
    p *= 2;
  return p;
}

sieve_sizes sieve_sizes_for_range(size_t l1_bytes, size_t l2_bytes, uint64_t hi)
{
  sieve_sizes s;
  size_t upper = l2_bytes >= 2 * MIN_SEGMENT ? floor_pow2(l2_bytes / 2) : 256 * 1024;
  size_t lower = l1_bytes >= MIN_SEGMENT ? ceil_pow2(2 * l1_bytes) : 64 * 1024;
  if (upper > MAX_SEGMENT)
    upper = MAX_SEGMENT;
  if (lower > upper)
    lower = upper;
  /* A segment of sqrt(hi) bytes gives every sieving prime a multiple in each segment, so none
   * goes to the buckets, and no larger segment pays: the medium primes then cross an L2-sized
   * segment instead of an L1-near one. Measured on a Xeon (family 6 model 167: 48 KiB L1d,
   * 2 MiB L2), one thread: 1e10 took 0.99 s at 128 KiB and 1.16 s at 1 MiB (the old half-L2
   * default); [1e12, 1e12+1e10] 2.55 s at 128 KiB and 1.81 s at 1 MiB; 1e9 0.072 s at 128 KiB
   * and 0.087 s at 32 KiB, hence the floor of twice L1d. */
  size_t want = ceil_pow2((size_t)(sieve_isqrt(hi) + 1));
  s.segment_bytes = want < lower ? lower : want > upper ? upper : want;
  s.block_bytes = l1_bytes >= MIN_SEGMENT ? l1_bytes : 32 * 1024;
  if (s.block_bytes > s.segment_bytes)
    s.block_bytes = s.segment_bytes;
  return s;
}

int sieve_engine_init(sieve_engine *e, const sieve_tables *t, sieve_sizes sizes)
{
  memset(e, 0, sizeof *e);
  e->tables = t;
  if (sizes.segment_bytes < MIN_SEGMENT)
    sizes.segment_bytes = MIN_SEGMENT;
  if (sizes.segment_bytes > MAX_SEGMENT)
    sizes.segment_bytes = MAX_SEGMENT;
  sizes.segment_bytes = floor_pow2(sizes.segment_bytes);
  if (sizes.block_bytes == 0 || sizes.block_bytes > sizes.segment_bytes)
    sizes.block_bytes = sizes.segment_bytes;
  e->sizes = sizes;
  while (((size_t)1 << e->seg_shift) < sizes.segment_bytes)
    e->seg_shift++;
  e->seg = malloc(sizes.segment_bytes + 8);
  return e->seg ? 0 : -1;
}

void sieve_engine_free(sieve_engine *e)
{
  if (e->inner) {
    sieve_engine_free(e->inner);
    free(e->inner);
  }
  free(e->seg);
  free(e->small);
  free(e->medium);
  sieve_buckets_free(&e->buckets);
  memset(e, 0, sizeof *e);
}

int sieve_engine_start(sieve_engine *e, uint64_t lo, uint64_t hi)
{
  e->lo = lo;
  e->hi = hi;
  e->first_byte = lo / 30;
  e->last_byte = hi / 30;
  uint64_t nbytes = e->last_byte - e->first_byte + 1;
  e->nsegments = (nbytes >> e->seg_shift) + ((nbytes & (e->sizes.segment_bytes - 1)) != 0);
  e->segment = 0;
  e->nsmall = e->nmedium = 0;
  e->pending = 0;
  e->supply_done = 0;
  /* The base primes past the pre-sieved ones. */
  e->base_pos = 0;
  while (e->base_pos < e->tables->nbase && e->tables->base_primes[e->base_pos] <= SIEVE_PRESIEVE_MAX)
    e->base_pos++;
  uint64_t limit = sieve_isqrt(hi);
  if (sieve_buckets_reset(&e->buckets, e->seg_shift, limit) != 0)
    return -1;
  e->use_inner = limit >= SIEVE_BASE_LIMIT;
  if (e->use_inner) {
    if (!e->inner) {
      e->inner = malloc(sizeof *e->inner);
      if (!e->inner)
        return -1;
      if (sieve_engine_init(e->inner, e->tables, e->sizes) != 0) {
        free(e->inner);
        e->inner = NULL;
        return -1;
      }
    }
    if (sieve_engine_start(e->inner, SIEVE_BASE_LIMIT, limit) != 0)
      return -1;
    sieve_iter_init(&e->inner_iter, e->inner);
  }
  return 0;
}

/* The next sieving prime above the pre-sieved ones: 1, 0 when there are no more, -1. */
static int next_supply(sieve_engine *e, uint64_t *p)
{
  if (e->base_pos < e->tables->nbase) {
    *p = e->tables->base_primes[e->base_pos++];
    return 1;
  }
  if (!e->use_inner)
    return 0;
  return sieve_iter_next(&e->inner_iter, p);
}

static int append(sieve_prime **list, size_t *n, size_t *cap, uint32_t q, uint32_t idx,
                  unsigned wi)
{
  if (*n == *cap) {
    size_t c = *cap ? 2 * *cap : 1024;
    sieve_prime *l = realloc(*list, c * sizeof *l);
    if (!l)
      return -1;
    *list = l;
    *cap = c;
  }
  (*list)[*n].q = q;
  (*list)[*n].idx = idx;
  (*list)[*n].wi = wi;
  (*n)++;
  return 0;
}

/* Adds every sieving prime p with p^2 <= seg_hi, at its first multiple in the range. */
static int add_sieving_primes(sieve_engine *e, uint64_t seg_first, uint64_t seg_hi)
{
  const uint64_t limit = sieve_isqrt(seg_hi);
  while (!e->supply_done) {
    if (e->pending == 0) {
      int rc = next_supply(e, &e->pending);
      if (rc < 0)
        return -1;
      if (rc == 0) {
        e->supply_done = 1;
        break;
      }
    }
    const uint64_t p = e->pending;
    if (p > limit)
      break;
    e->pending = 0;
    uint64_t byte;
    unsigned wi;
    if (wheel30_first_multiple(p, e->lo, e->hi, &byte, &wi) != 0)
      continue;
    const uint64_t idx = byte - seg_first;
    const uint32_t q = (uint32_t)(p / 30);
    int rc = 0;
    if (p <= e->sizes.block_bytes / SMALL_PER_BLOCK)
      rc = append(&e->small, &e->nsmall, &e->cap_small, q, (uint32_t)idx, wi);
    else if (p <= e->sizes.segment_bytes)
      rc = append(&e->medium, &e->nmedium, &e->cap_medium, q, (uint32_t)idx, wi);
    else if (e->segment + (idx >> e->seg_shift) < e->nsegments)
      rc = sieve_buckets_push(&e->buckets, e->segment + (idx >> e->seg_shift), q,
                              (uint32_t)(idx & (e->sizes.segment_bytes - 1)), wi);
    if (rc != 0)
      return -1;
  }
  return 0;
}

/* Clears the bits of numbers outside [lo, hi], clears 1, and sets the pre-sieved primes
 * themselves, which their patterns crossed off. */
static void trim(sieve_engine *e, uint8_t *seg, size_t nb, uint64_t seg_first)
{
  static const uint8_t presieved[] = { 7,  11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47,
                                       53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
                                       107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163 };
  if (seg_first == 0)
    seg[0] &= (uint8_t)~1u; /* 1 is not prime */
  /* Every segment that holds bytes 0..5, not only the one from 0: a range or chunk may start
   * at 30..163 (sieve 31 200 once counted 8 primes, not 36). */
  for (size_t k = 0; seg_first <= 163 / 30 && k < sizeof presieved; k++) {
    unsigned p = presieved[k];
    if (p / 30 >= seg_first && p / 30 < seg_first + nb && p >= e->lo && p <= e->hi)
      seg[p / 30 - seg_first] |= (uint8_t)(1u << wheel30_bit_of[p % 30]);
  }
  if (seg_first == e->first_byte) {
    uint64_t base = 30 * seg_first;
    for (unsigned b = 0; b < 8; b++)
      if (base + wheel30_residue[b] < e->lo)
        seg[0] &= (uint8_t)~(1u << b);
  }
  if (seg_first + nb - 1 == e->last_byte) {
    uint64_t room = e->hi - 30 * e->last_byte; /* the last byte's residues up to room count */
    for (unsigned b = 0; b < 8; b++)
      if (wheel30_residue[b] > room)
        seg[nb - 1] &= (uint8_t)~(1u << b);
  }
  memset(seg + nb, 0, 8);
}

int sieve_engine_next(sieve_engine *e, sieve_segment *out)
{
  if (e->segment >= e->nsegments)
    return 0;
  const uint64_t seg_first = e->first_byte + (e->segment << e->seg_shift);
  const uint64_t left = e->last_byte - seg_first + 1;
  const size_t nb = left < e->sizes.segment_bytes ? (size_t)left : e->sizes.segment_bytes;
  const uint64_t seg_hi = seg_first + nb - 1 == e->last_byte ? e->hi : 30 * (seg_first + nb) - 1;
  if (add_sieving_primes(e, seg_first, seg_hi) != 0)
    return -1;

  uint8_t *seg = e->seg;
  sieve_presieve(e->tables, seg, nb, seg_first);
  for (size_t start = 0; start < nb; start += e->sizes.block_bytes) {
    size_t end = nb - start < e->sizes.block_bytes ? nb : start + e->sizes.block_bytes;
    sieve_cross(seg, end, e->small, e->nsmall);
  }
  sieve_cross(seg, nb, e->medium, e->nmedium);
  if (sieve_buckets_cross(&e->buckets, seg, nb, e->segment, e->nsegments) != 0)
    return -1;
  /* Every small and medium prime now waits past this segment; move them to the next. */
  for (size_t k = 0; k < e->nsmall; k++)
    e->small[k].idx -= (uint32_t)nb;
  for (size_t k = 0; k < e->nmedium; k++)
    e->medium[k].idx -= (uint32_t)nb;

  trim(e, seg, nb, seg_first);
  out->bits = seg;
  out->nbytes = nb;
  out->first_byte = seg_first;
  e->segment++;
  return 1;
}

void sieve_iter_init(sieve_iter *it, sieve_engine *e)
{
  memset(it, 0, sizeof *it);
  it->engine = e;
}

int sieve_iter_next(sieve_iter *it, uint64_t *p)
{
  while (it->word == 0) {
    if (it->pos >= it->seg.nbytes) {
      int rc = sieve_engine_next(it->engine, &it->seg);
      if (rc <= 0)
        return rc;
      it->pos = 0;
    }
    it->word = sieve_load_word(it->seg.bits + it->pos);
    it->base = it->seg.first_byte + it->pos;
    it->pos += 8;
  }
  unsigned b = (unsigned)__builtin_ctzll(it->word);
  it->word &= it->word - 1;
  *p = 30 * (it->base + b / 8) + wheel30_residue[b % 8];
  return 1;
}
