/* json.c - JSON string literals for any bytes (json.h). */
#define _POSIX_C_SOURCE 200809L
#include "json.h"

#include <string.h>

/* The length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_length(const unsigned char *s)
{
  size_t n;
  unsigned min;
  if (s[0] < 0x80)
    return 1;
  if ((s[0] & 0xe0) == 0xc0) {
    n = 2;
    min = 0x80;
  } else if ((s[0] & 0xf0) == 0xe0) {
    n = 3;
    min = 0x800;
  } else if ((s[0] & 0xf8) == 0xf0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  unsigned cp = s[0] & (0x7f >> n);
  for (size_t k = 1; k < n; k++) {
    if ((s[k] & 0xc0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return n;
}

void json_string(FILE *out, const char *s)
{
  if (!s) {
    fputs("null", out);
    return;
  }
  const unsigned char *p = (const unsigned char *)s;
  fputc('"', out);
  while (*p) {
    size_t n = utf8_length(p);
    if (n == 0) {
      fputs("\\ufffd", out);
      p++;
    } else if (*p == '"' || *p == '\\') {
      fputc('\\', out);
      fputc(*p++, out);
    } else if (*p < 0x20) {
      fprintf(out, "\\u%04x", *p++);
    } else {
      fwrite(p, 1, n, out);
      p += n;
    }
  }
  fputc('"', out);
}
