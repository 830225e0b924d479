/* pow_kernels.c - the table of proof-of-work kernels and the automatic choice. */
#include "pow_kernels.h"

#include <string.h>

/* Slowest first: auto takes the last one the CPU can run. */
static const pow_kernel kernels[] = {
  { "scalar", pow_scan_scalar, 0, 1, 1 },
  { "portable", pow_scan_portable, 0, 16, 32 },
#ifdef POW_HAVE_X86_KERNELS
  { "avx2", pow_scan_avx2, POW_CPU_AVX2, 8, 64 },
  { "avx512", pow_scan_avx512, POW_CPU_AVX512F, 16, 128 },
#endif
};

const pow_kernel *pow_kernels(size_t *n)
{
  *n = sizeof kernels / sizeof kernels[0];
  return kernels;
}

const pow_kernel *pow_kernel_find(const char *name)
{
  for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
    if (strcmp(kernels[i].name, name) == 0)
      return &kernels[i];
  return NULL;
}

int pow_kernel_runs_on(const pow_kernel *k, unsigned features)
{
  return (k->needs & ~features) == 0;
}

const pow_kernel *pow_kernel_auto(unsigned features)
{
  const pow_kernel *best = &kernels[1];
  for (size_t i = 2; i < sizeof kernels / sizeof kernels[0]; i++)
    if (pow_kernel_runs_on(&kernels[i], features))
      best = &kernels[i];
  return best;
}
