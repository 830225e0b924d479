/* test_md5.c - the reference MD5 against OpenSSL (random messages of every length 0..200,
 * which covers every padding case) and against the RFC 1321 appendix A.5 test suite. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "md5.h"
#include "test_util.h"

static void openssl_md5(const void *msg, size_t len, unsigned char out[16])
{
  unsigned int n = 16;
  EVP_Digest(msg, len, out, &n, EVP_md5(), NULL);
}

int main(void)
{
  static const char *const rfc[][2] = {
    { "", "d41d8cd98f00b204e9800998ecf8427e" },
    { "a", "0cc175b9c0f1b6a831c399e269772661" },
    { "abc", "900150983cd24fb0d6963f7d28e17f72" },
    { "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
    { "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
    { "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
      "d174ab98d277d9f5a5611c2c9f419d9f" },
    { "1234567890123456789012345678901234567890123456789012345678901234567890123456789"
      "0", "57edf4a22be3c955ac49da2e2107b67a" },
  };
  unsigned char ours[16], ref[16], msg[200];
  char hex[33];

  for (size_t i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
    md5_digest(rfc[i][0], strlen(rfc[i][0]), ours);
    md5_hex(ours, hex);
    CHECK(strcmp(hex, rfc[i][1]) == 0, "RFC 1321 vector %zu: got %s want %s", i, hex, rfc[i][1]);
  }

  srand(12345);
  for (size_t len = 0; len <= sizeof msg; len++) {
    for (int rep = 0; rep < 20; rep++) {
      for (size_t k = 0; k < len; k++)
        msg[k] = (unsigned char)rand();
      md5_digest(msg, len, ours);
      openssl_md5(msg, len, ref);
      CHECK(memcmp(ours, ref, 16) == 0, "length %zu repetition %d differs from OpenSSL", len, rep);
    }
  }
  return test_summary("test_md5");
}
