/* pow_scan_avx512.c - the AVX-512 proof-of-work kernel: 16 lanes per vector, one
 * vpternlogd per boolean function, vprold for the rotate, vptestnmd for the D test.
 * Built with -mavx512f; runs only when the dispatcher has seen AVX-512F. */
#include <immintrin.h>

#include "pow_lanes.h"

#define VEC __m512i
#define VW 16
#define GROUPS 8 /* 8 groups (128 lanes) measured fastest of 6..8 on Zen 5: 7 hide the latency, the 8th costs spills but evens out tile tails */
#define TILE_FN tile_avx512
#define vset1(x) _mm512_set1_epi32((int)(x))
#define vload(p) _mm512_loadu_si512((const void *)(p))
#define vadd(x, y) _mm512_add_epi32((x), (y))
#define vrol(x, r) _mm512_rol_epi32((x), (r))
/* Truth tables over (d, b, c) = (0xF0, 0xCC, 0xAA). d goes first because the instruction
 * overwrites its first operand and d is the input no later op reads (see TILE_STEP). */
#define vF(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0xCA) /* b ? c : d */
#define vG(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0xE4) /* d ? b : c */
#define vH(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0x96) /* b ^ c ^ d */
#define vI(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0x39) /* c ^ (b | ~d) */
/* GCC otherwise reassociates (a + addend) + F into (F + addend) + a, which puts the addend's
 * add on each step's critical path (10 cycles instead of 8). */
#define vkeep(x) __asm__("" : "+v"(x))
#define vzero(x, m) ((uint32_t)_mm512_testn_epi32_mask((x), (m)))

#include "pow_tile_body.h"

size_t pow_scan_avx512(const pow_batch *b, const pow_target *t, uint64_t first, uint64_t count,
                       uint64_t *hits, size_t max_hits, uint64_t *scanned)
{
  return pow_scan_lanes(b, t, first, count, hits, max_hits, scanned, tile_avx512, VW * GROUPS);
}
