/* pow_scan.h - the proof-of-work kernel interface: a batch of candidates that share all but
 * their trailing digits, and scanners that test a range of them and return the hits.
 *
 * A candidate is the batch's message with its last `width` digits spelling a counter `lo`,
 * zero-padded. Every scanner takes the same arguments and returns the same hits, so vector
 * versions drop in beside the scalar one and are tested against it. */
#ifndef KERNELS_POW_SCAN_H
#define KERNELS_POW_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "md5.h"
#include "pow_target.h"

#define POW_MAX_WIDTH 19 /* 10^19 is the largest power of ten below 2^64 */

typedef struct pow_batch {
  unsigned char block[MD5_BLOCK_BYTES]; /* padded MD5 block; the varying digits hold '0' */
  unsigned len;                         /* message length in bytes, 1..55 */
  unsigned width;                       /* trailing digits that vary, 1..min(len, 19) */
} pow_batch;

/* Builds the padded block for the message `digits` (len decimal digits, 1..55) whose last
 * `width` digits will vary; those are ignored. Returns 0, or -1 on a bad length, width or
 * a character that is not a digit. */
int pow_batch_init(pow_batch *b, const char *digits, unsigned len, unsigned width);

/* 10^width: how many candidates the batch holds. */
uint64_t pow_batch_size(const pow_batch *b);

/* Writes candidate lo (lo < pow_batch_size(b)) as a NUL-terminated string into out. */
void pow_batch_candidate(const pow_batch *b, uint64_t lo, char out[MD5_ONE_BLOCK_MAX + 1]);

/* Tests the candidates first .. first + count - 1 (first + count <= pow_batch_size(b)).
 * Stores the lo of each coin, in increasing order, into hits (at most max_hits, >= 1) and
 * returns how many it stored. It stops early only when hits is full: *scanned gets the
 * number of candidates tested, so the caller resumes at first + *scanned. */
typedef size_t pow_scan_fn(const pow_batch *b, const pow_target *t, uint64_t first,
                           uint64_t count, uint64_t *hits, size_t max_hits, uint64_t *scanned);

/* Scalar, two chains interleaved, fully unrolled, prefix steps hoisted, stops after step 61. */
pow_scan_fn pow_scan_scalar;

/* Multi-lane kernels (pow_lanes.h): the same hits, many candidates per instruction. The
 * AVX2 and AVX-512 ones exist only on x86-64 and run only where the CPU has the feature. */
pow_scan_fn pow_scan_portable;
pow_scan_fn pow_scan_avx2;
pow_scan_fn pow_scan_avx512;

#endif
