/* cpu_features.c - CPU feature detection for the kernel dispatcher. GCC's and Clang's
 * __builtin_cpu_supports read CPUID and check that the OS saves the wider registers (XGETBV),
 * so a feature reported here is one a kernel can use. */
#include "cpu_features.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pow_kernels.h"

static const struct {
  const char *name;
  unsigned bit;
} known[] = {
  { "avx2", POW_CPU_AVX2 },
  { "avx512f", POW_CPU_AVX512F },
};

static unsigned detect(void)
{
  unsigned f = 0;
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2"))
    f |= POW_CPU_AVX2;
  if (__builtin_cpu_supports("avx512f"))
    f |= POW_CPU_AVX512F;
#endif
  return f;
}

int cpu_features(unsigned *features, char *err, unsigned long errlen)
{
  const char *limit = getenv("HPCKIT_CPU_FEATURES");
  *features = detect();
  if (!limit)
    return 0;
  unsigned allowed = 0;
  for (const char *p = limit; *p;) {
    size_t len = strcspn(p, ",");
    size_t i = 0;
    for (; i < sizeof known / sizeof known[0]; i++)
      if (strlen(known[i].name) == len && strncmp(p, known[i].name, len) == 0)
        break;
    if (i == sizeof known / sizeof known[0] && len > 0) {
      snprintf(err, errlen, "HPCKIT_CPU_FEATURES: '%.*s' is not one of: avx2, avx512f",
               (int)len, p);
      return -1;
    }
    if (i < sizeof known / sizeof known[0])
      allowed |= known[i].bit;
    p += len + (p[len] == ',');
  }
  *features &= allowed;
  return 0;
}

void cpu_features_name(unsigned features, char *out, unsigned long outlen)
{
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (features & known[i].bit)
      used += (size_t)snprintf(out + used, used < outlen ? outlen - used : 0, "%s%s",
                               used ? "," : "", known[i].name);
  if (used == 0)
    snprintf(out, outlen, "none");
}
