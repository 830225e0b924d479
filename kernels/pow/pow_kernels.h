/* pow_kernels.h - the proof-of-work kernels by name, what each needs from the CPU, and the
 * choice `--kernel auto` makes. Pure: the caller detects the CPU features (src/cpu_features.h) and
 * passes them in, so the choice is testable for any CPU. */
#ifndef KERNELS_POW_KERNELS_H
#define KERNELS_POW_KERNELS_H

#include <stddef.h>

#include "pow_scan.h"

/* CPU features a kernel can need. */
enum { POW_CPU_AVX2 = 1u << 0, POW_CPU_AVX512F = 1u << 1 };

typedef struct pow_kernel {
  const char *name;  /* as given to --kernel and written to the CSV variant column */
  pow_scan_fn *scan;
  unsigned needs;    /* POW_CPU_* bits the CPU must have */
  unsigned lanes;    /* candidates per vector op (1 for scalar) */
  unsigned tile_lanes; /* lane values per tile (VW x GROUPS in pow_scan_*.c; 1 for scalar): a
                        * scan of whole tiles, tile_lanes x 10^(chunk digits - 4) candidates
                        * from a multiple of that, computes no tile it then throws away */
} pow_kernel;

/* Every kernel built into this program, slowest first; n gets the count. */
const pow_kernel *pow_kernels(size_t *n);

/* The kernel called name, or NULL. */
const pow_kernel *pow_kernel_find(const char *name);

/* True when a CPU with `features` can run k. */
int pow_kernel_runs_on(const pow_kernel *k, unsigned features);

/* The fastest kernel a CPU with `features` can run (the portable one needs nothing). */
const pow_kernel *pow_kernel_auto(unsigned features);

#endif
