/* pow_scan_portable.c - the portable multi-lane proof-of-work kernel: plain C over arrays of
 * 16 lanes, which the compiler turns into whatever vectors the target has (SSE2 on any
 * x86-64, NEON on arm64). No intrinsics, so it builds and runs on every CPU. */
#include "md5_schedule.h"
#include "pow_lanes.h"

#define VW 16
#define GROUPS 2 /* 2 groups measured about as fast as 3 and 4 with GCC 12 at SSE2 */
#define TILE_FN tile_portable

typedef struct lanes16 {
  uint32_t l[VW];
} lanes16;
#define VEC lanes16

#define LANEWISE(expr) \
  lanes16 out; \
  for (int j = 0; j < VW; j++) \
    out.l[j] = (expr); \
  return out

static inline lanes16 vset1(uint32_t x) { LANEWISE(x); }
static inline lanes16 vload(const uint32_t *p) { LANEWISE(p[j]); }
static inline lanes16 vadd(lanes16 x, lanes16 y) { LANEWISE(x.l[j] + y.l[j]); }
#define vrol(x, r) vrol_((x), (r))
static inline lanes16 vrol_(lanes16 x, unsigned r) { LANEWISE(md5_rotl(x.l[j], r)); }
static inline lanes16 vF(lanes16 b, lanes16 c, lanes16 d) { LANEWISE(MD5_F(b.l[j], c.l[j], d.l[j])); }
static inline lanes16 vG(lanes16 b, lanes16 c, lanes16 d) { LANEWISE(MD5_G(b.l[j], c.l[j], d.l[j])); }
static inline lanes16 vH(lanes16 b, lanes16 c, lanes16 d) { LANEWISE(MD5_H(b.l[j], c.l[j], d.l[j])); }
static inline lanes16 vI(lanes16 b, lanes16 c, lanes16 d) { LANEWISE(MD5_I(b.l[j], c.l[j], d.l[j])); }

#define vkeep(x) ((void)0)

static inline uint32_t vzero(lanes16 x, lanes16 m)
{
  uint32_t bits = 0;
  for (int j = 0; j < VW; j++)
    bits |= (uint32_t)((x.l[j] & m.l[j]) == 0) << j;
  return bits;
}

#include "pow_tile_body.h"

size_t pow_scan_portable(const pow_batch *b, const pow_target *t, uint64_t first,
                         uint64_t count, uint64_t *hits, size_t max_hits, uint64_t *scanned)
{
  return pow_scan_lanes(b, t, first, count, hits, max_hits, scanned, tile_portable, VW * GROUPS);
}
