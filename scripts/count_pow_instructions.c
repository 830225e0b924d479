/* count_pow_instructions.c - a fixed workload for the scalar scanner alone (20 chunks of
 * 10^5 candidates, seed 1, 5 zeros), so callgrind's instruction count per candidate is exact
 * and repeatable. Build and run:
 *   gcc -O2 -std=c11 -Ikernels/pow -Ikernels/md5 scripts/count_pow_instructions.c \
 *       build/kernels/pow/libpow_kernels.a build/kernels/md5/libmd5_kernels.a -o /tmp/cpi
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null /tmp/cpi
 * then divide "I refs" by the candidates it prints. */
#include <stdio.h>

#include "pow_space.h"

int main(void)
{
  pow_space space;
  pow_target target;
  uint64_t hits[64], scanned, candidates = 0, coins = 0;
  pow_space_init(&space, 50, 1);
  pow_target_init(&target, 5);
  for (uint64_t c = 0; c < 20; c++) {
    pow_batch batch;
    pow_space_chunk(&space, c, &batch);
    coins += pow_scan_scalar(&batch, &target, 0, pow_batch_size(&batch), hits, 64, &scanned);
    candidates += scanned;
  }
  printf("%llu candidates, %llu coins\n", (unsigned long long)candidates,
         (unsigned long long)coins);
  return 0;
}
