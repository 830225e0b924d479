/* pow_scan_avx2.c - the AVX2 proof-of-work kernel: 8 lanes per vector. AVX2 has neither a
 * rotate nor a three-input logic op, so a rotate is two shifts and an or, and each boolean
 * function two or three ops. Built with -mavx2; runs only when the dispatcher has seen AVX2. */
#include <immintrin.h>

#include "pow_lanes.h"

#define VEC __m256i
#define VW 8
#define GROUPS 8 /* 8 groups measured fastest of 3..8 on Zen 5 despite spills (16 ymm registers) */
#define TILE_FN tile_avx2
#define vset1(x) _mm256_set1_epi32((int)(x))
#define vload(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define vadd(x, y) _mm256_add_epi32((x), (y))
#define vxor(x, y) _mm256_xor_si256((x), (y))
#define vrol(x, r) _mm256_or_si256(_mm256_slli_epi32((x), (r)), _mm256_srli_epi32((x), 32 - (r)))
#define vF(b, c, d) vxor((d), _mm256_and_si256((b), vxor((c), (d))))
#define vG(b, c, d) vxor((c), _mm256_and_si256((d), vxor((b), (c))))
#define vH(b, c, d) vxor(vxor((b), (c)), (d))
/* c ^ (b | ~d) == ~(c ^ (d & ~b)), and andnot gives d & ~b in one op. */
#define vI(b, c, d) vxor(vxor((c), _mm256_andnot_si256((b), (d))), _mm256_set1_epi32(-1))
#define vkeep(x) __asm__("" : "+x"(x)) /* see pow_scan_avx512.c */
#define vzero(x, m) \
  ((uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps( \
      _mm256_cmpeq_epi32(_mm256_and_si256((x), (m)), _mm256_setzero_si256()))))

#include "pow_tile_body.h"

size_t pow_scan_avx2(const pow_batch *b, const pow_target *t, uint64_t first, uint64_t count,
                     uint64_t *hits, size_t max_hits, uint64_t *scanned)
{
  return pow_scan_lanes(b, t, first, count, hits, max_hits, scanned, tile_avx2, VW * GROUPS);
}
