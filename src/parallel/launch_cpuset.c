/* launch_cpuset.c - reads the process's CPU affinity from the executable's .preinit_array,
 * which the dynamic loader runs before the constructors of every shared library (libgomp's
 * among them), so what it reads is what the launcher (mpirun, srun, taskset) set. */
#define _GNU_SOURCE
#include "launch_cpuset.h"

#include <sched.h>

/* 8192 CPUs: more than any single-image machine sched_getaffinity has served. */
#define LAUNCH_MAX_CPUS 8192
#define LAUNCH_WORDS (LAUNCH_MAX_CPUS / (8 * sizeof(unsigned long)))

static unsigned long launch_mask[LAUNCH_WORDS];
static int launch_read;

static void read_launch_cpuset(int argc, char **argv, char **envp)
{
  (void)argc;
  (void)argv;
  (void)envp;
  launch_read = sched_getaffinity(0, sizeof launch_mask, (cpu_set_t *)(void *)launch_mask) == 0;
}

/* Only an executable's .preinit_array runs early; the linker keeps this object (and so the
 * entry) because runtime.c calls launch_cpuset_get. */
__attribute__((section(".preinit_array"), used)) static void (*const launch_preinit)(
    int, char **, char **) = read_launch_cpuset;

int launch_cpuset_get(hwloc_bitmap_t set)
{
  /* The kernel's mask and hwloc's bitmap share a layout: bit i of word i / 64 is CPU i. */
  if (!launch_read || hwloc_bitmap_from_ulongs(set, LAUNCH_WORDS, launch_mask) != 0)
    return -1;
  return hwloc_bitmap_iszero(set) ? -1 : 0;
}
