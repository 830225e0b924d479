/* fuzz_url_list.c - fetch -i FILE: URL lists with comments, blanks, CRLF, NUL bytes, huge
 * lines. Every URL read is trimmed, non-empty and not a comment. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "url_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  int fd = memfd_create("urls", 0);
  if (fd < 0)
    return 0;
  if (write(fd, data, size) == (ssize_t)size) {
    char path[64], err[300];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    url_list l = { 0 };
    if (url_list_read(&l, path, err, sizeof err) == 0) {
      size_t off = 0;
      for (size_t i = 0; i < l.n; i++) {
        const char *u = l.text + off;
        size_t k = strlen(u);
        FUZZ_ASSERT(k > 0 && u[0] != '#' && !strchr(" \t\r\n", u[0]) &&
                    !strchr(" \t\r\n", u[k - 1]));
        off += k + 1;
      }
      FUZZ_ASSERT(off == l.len);
    } else {
      FUZZ_ASSERT(err[0] != '\0');
    }
    url_list_free(&l);
  }
  close(fd);
  return 0;
}
