/* replay.c - runs a fuzz harness over files, without libFuzzer: every build (gcc, ASan, TSan)
 * replays the seed corpus and every input a fuzzer ever crashed on (tests/fuzz/corpus/NAME),
 * so each crash found stays a regression test. Usage: replay_NAME FILE-or-DIR... */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fuzz_util.h"

static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return -1;
  }
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      cap = cap ? 2 * cap : 4096;
      uint8_t *b = realloc(buf, cap);
      if (!b) {
        free(buf);
        fclose(f);
        return -1;
      }
      buf = b;
    }
    size_t k = fread(buf + len, 1, cap - len, f);
    if (k == 0)
      break;
    len += k;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

static int run_path(const char *path, size_t *n)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    (*n)++;
    return run_file(path);
  }
  DIR *d = opendir(path);
  if (!d) {
    perror(path);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    rc = run_path(sub, n);
  }
  closedir(d);
  return rc;
}

int main(int argc, char **argv)
{
  size_t n = 0;
  for (int i = 1; i < argc; i++)
    if (run_path(argv[i], &n) != 0)
      return 1;
  printf("%s: %zu inputs replayed\n", argv[0], n);
  return n > 0 ? 0 : 1;
}
