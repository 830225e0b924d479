/* cpu_features.h - which of the CPU features a kernel can need this machine has, as
 * POW_CPU_* bits (kernels/pow_kernels.h).
 *
 * HPCKIT_CPU_FEATURES, when set, limits the answer to the features it lists (comma
 * separated: avx2, avx512f; empty for none), like OPENSSL_ia32cap does for OpenSSL. It can
 * only take features away, so it cannot make a kernel run where the CPU lacks one; it lets
 * a test see what a CPU without AVX-512 or AVX2 gets. */
#ifndef SRC_CPU_FEATURES_H
#define SRC_CPU_FEATURES_H

/* The features the CPU and OS support, masked by HPCKIT_CPU_FEATURES. Returns -1 (and
 * writes a one-line reason to err) when that variable names an unknown feature. */
int cpu_features(unsigned *features, char *err, unsigned long errlen);

/* "avx2,avx512f", "none": for messages and -v. */
void cpu_features_name(unsigned features, char *out, unsigned long outlen);

#endif
