/* fuzz_pow_verify.c - pow --verify's line reader: 'string [md5hex]' lines, anything else
 * reported as a bad line. The verdict counts must match the lines written out. */
#define _GNU_SOURCE /* fmemopen */
#include <stdio.h>

#include "fuzz_util.h"
#include "pow_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  FILE *in = fmemopen((void *)data, size, "r");
  char *outbuf = NULL, *errbuf = NULL;
  size_t outlen = 0, errlen = 0;
  FILE *out = open_memstream(&outbuf, &outlen), *err = open_memstream(&errbuf, &errlen);
  if (in && out && err) {
    unsigned digits = 1 + data[0] % 55, zeros = data[0] % 6;
    int rc = pow_check_stream(in, out, err, digits, zeros);
    fflush(out);
    fflush(err);
    FUZZ_ASSERT(rc == 0 || rc == STATUS_FAILED || rc == STATUS_USAGE);
    FUZZ_ASSERT(rc != STATUS_FAILED || strstr(outbuf, "bad line ") != NULL);
    FUZZ_ASSERT(rc != 0 || strstr(outbuf, "bad line ") == NULL);
  }
  if (in)
    fclose(in);
  if (out)
    fclose(out);
  if (err)
    fclose(err);
  free(outbuf);
  free(errbuf);
  return 0;
}
