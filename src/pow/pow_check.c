/* pow_check.c - coin checks through OpenSSL's EVP MD5, and the --verify line reader. */
#define _POSIX_C_SOURCE 200809L
#include "pow_check.h"

#include <ctype.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int pow_check_md5hex(const char *s, size_t len, char hex[33])
{
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  static const char digits[] = "0123456789abcdef";
  if (EVP_Digest(s, len, d, &n, EVP_md5(), NULL) != 1 || n != 16)
    return -1;
  for (unsigned i = 0; i < 16; i++) {
    hex[2 * i] = digits[d[i] >> 4];
    hex[2 * i + 1] = digits[d[i] & 15];
  }
  hex[32] = '\0';
  return 0;
}

int pow_check_coin(const char *s, const char *stated_hex, unsigned digits, unsigned zeros,
                   char *why, size_t whylen)
{
  char hex[33];
  size_t len = strlen(s);
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') {
      snprintf(why, whylen, "character %zu is not a decimal digit", i + 1);
      return 0;
    }
  }
  if (len != digits) {
    snprintf(why, whylen, "has %zu digits, a coin has %u", len, digits);
    return 0;
  }
  if (pow_check_md5hex(s, len, hex) != 0) {
    snprintf(why, whylen, "OpenSSL could not compute MD5");
    return 0;
  }
  if (stated_hex && strcasecmp(stated_hex, hex) != 0) {
    snprintf(why, whylen, "stated MD5 %.40s is not the real MD5 %s", stated_hex, hex);
    return 0;
  }
  for (unsigned i = 0; i < zeros; i++) {
    if (hex[31 - i] != '0') {
      snprintf(why, whylen, "MD5 %s does not end in %u zeros", hex, zeros);
      return 0;
    }
  }
  return 1;
}

/* Returns the next whitespace-separated word at *p (NUL-terminated in place), or NULL. */
static char *next_word(char **p)
{
  char *s = *p;
  while (*s && isspace((unsigned char)*s))
    s++;
  if (!*s)
    return NULL;
  char *word = s;
  while (*s && !isspace((unsigned char)*s))
    s++;
  if (*s)
    *s++ = '\0';
  *p = s;
  return word;
}

int pow_check_stream(FILE *in, FILE *out, FILE *err, unsigned digits, unsigned zeros)
{
  char *line = NULL, why[160];
  size_t cap = 0, lineno = 0, good = 0, bad = 0;
  ssize_t len;
  for (;;) {
    len = getline(&line, &cap, in);
    if (len == -1)
      break;
    lineno++;
    if (strlen(line) != (size_t)len) {
      fprintf(out, "bad line %zu: contains a NUL byte\n", lineno);
      bad++;
      continue;
    }
    char *rest = line, *word = next_word(&rest);
    if (!word)
      continue;
    char *hex = next_word(&rest);
    char *extra = hex ? next_word(&rest) : NULL;
    int ok = extra ? 0 : pow_check_coin(word, hex, digits, zeros, why, sizeof why);
    if (extra)
      snprintf(why, sizeof why, "unexpected text after the MD5: '%.40s'", extra);
    if (ok) {
      fprintf(out, "ok %s\n", word);
      good++;
    } else {
      fprintf(out, "bad line %zu: %s\n", lineno, why);
      bad++;
    }
  }
  free(line);
  fflush(out);
  fprintf(err, "pow: verified %zu coins: %zu ok, %zu bad\n", good + bad, good, bad);
  if (good + bad == 0) {
    fprintf(err, "pow: --verify: no coin lines on standard input\n");
    return STATUS_USAGE;
  }
  return bad ? STATUS_FAILED : 0;
}
