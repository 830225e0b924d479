/* cpu_ghz.c - the core clock right now, for cycles per candidate where `perf stat` cannot
 * count cycles (as in this project's VMs). A chain of dependent 64-bit adds runs at one add
 * per cycle on every x86-64 core, so adds per second is the clock. Prints GHz, or "nan" off
 * x86-64. Built and run by scripts/bench_pow. */
#include <stdio.h>
#include <time.h>

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(void)
{
#if defined(__x86_64__)
  const unsigned long rounds = 20000000; /* 320 M adds: about 80 ms */
  unsigned long x = 1;
  double t0 = now();
  for (unsigned long i = 0; i < rounds; i++)
    __asm__ volatile(".rept 16\n\tadd %0, %0\n\t.endr" : "+r"(x));
  printf("%.4f\n", (double)rounds * 16 / (now() - t0) / 1e9);
#else
  printf("nan\n");
#endif
  return 0;
}
