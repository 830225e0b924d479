/* md5_unrolled.h - MD5 steps 1..61 as one X-macro list, so every multi-lane kernel unrolls
 * the same schedule without retyping it. Internal to kernels/.
 *
 * X(i, fn, r, a, b, c, d) is step i: a = b + rotl(a + fn(b, c, d) + K[i] + M[g[i]], r), with
 * the register roles rotating as in md5_steps (step i updates v[(4 - i % 4) % 4]). The
 * rotation is a literal because vector rotate instructions take an immediate. Step 0 is
 * missing because no kernel runs it per candidate (it reads word 0, which is fixed or the
 * lane word), and the list stops at 61: the proof-of-work test needs only D, which step 61
 * completes. test_pow_lanes checks every i, fn and r against md5_schedule.h. */
#ifndef KERNELS_MD5_UNROLLED_H
#define KERNELS_MD5_UNROLLED_H

#define MD5_STEPS_1_TO_61(X) \
  X(1, F, 12, d, a, b, c) X(2, F, 17, c, d, a, b) X(3, F, 22, b, c, d, a) \
  X(4, F, 7, a, b, c, d) X(5, F, 12, d, a, b, c) X(6, F, 17, c, d, a, b) \
  X(7, F, 22, b, c, d, a) X(8, F, 7, a, b, c, d) X(9, F, 12, d, a, b, c) \
  X(10, F, 17, c, d, a, b) X(11, F, 22, b, c, d, a) X(12, F, 7, a, b, c, d) \
  X(13, F, 12, d, a, b, c) X(14, F, 17, c, d, a, b) X(15, F, 22, b, c, d, a) \
  X(16, G, 5, a, b, c, d) X(17, G, 9, d, a, b, c) X(18, G, 14, c, d, a, b) \
  X(19, G, 20, b, c, d, a) X(20, G, 5, a, b, c, d) X(21, G, 9, d, a, b, c) \
  X(22, G, 14, c, d, a, b) X(23, G, 20, b, c, d, a) X(24, G, 5, a, b, c, d) \
  X(25, G, 9, d, a, b, c) X(26, G, 14, c, d, a, b) X(27, G, 20, b, c, d, a) \
  X(28, G, 5, a, b, c, d) X(29, G, 9, d, a, b, c) X(30, G, 14, c, d, a, b) \
  X(31, G, 20, b, c, d, a) X(32, H, 4, a, b, c, d) X(33, H, 11, d, a, b, c) \
  X(34, H, 16, c, d, a, b) X(35, H, 23, b, c, d, a) X(36, H, 4, a, b, c, d) \
  X(37, H, 11, d, a, b, c) X(38, H, 16, c, d, a, b) X(39, H, 23, b, c, d, a) \
  X(40, H, 4, a, b, c, d) X(41, H, 11, d, a, b, c) X(42, H, 16, c, d, a, b) \
  X(43, H, 23, b, c, d, a) X(44, H, 4, a, b, c, d) X(45, H, 11, d, a, b, c) \
  X(46, H, 16, c, d, a, b) X(47, H, 23, b, c, d, a) X(48, I, 6, a, b, c, d) \
  X(49, I, 10, d, a, b, c) X(50, I, 15, c, d, a, b) X(51, I, 21, b, c, d, a) \
  X(52, I, 6, a, b, c, d) X(53, I, 10, d, a, b, c) X(54, I, 15, c, d, a, b) \
  X(55, I, 21, b, c, d, a) X(56, I, 6, a, b, c, d) X(57, I, 10, d, a, b, c) \
  X(58, I, 15, c, d, a, b) X(59, I, 21, b, c, d, a) X(60, I, 6, a, b, c, d) \
  X(61, I, 10, d, a, b, c)

#endif
