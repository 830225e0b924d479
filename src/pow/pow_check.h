/* pow_check.h - checking coins with OpenSSL, an MD5 independent of our kernels: used to
 * re-verify every mined coin before it is printed, and by --verify. */
#ifndef SRC_POW_CHECK_H
#define SRC_POW_CHECK_H

#include <stdio.h>

#include "status.h"

/* Writes OpenSSL's MD5 of s as 32 lower-case hex digits into hex. Returns 0 or -1. */
int pow_check_md5hex(const char *s, size_t len, char hex[33]);

/* Checks that s is a coin: `digits` decimal digits whose MD5 hex ends in `zeros` zeros and,
 * when stated_hex is not NULL, equals it (any case). Returns 1 for a coin; 0 with the reason
 * in why otherwise. */
int pow_check_coin(const char *s, const char *stated_hex, unsigned digits, unsigned zeros,
                   char *why, size_t whylen);

/* --verify: reads 'string [md5hex]' lines from in, writes 'ok <string>' or
 * 'bad line N: <reason>' per line to out and a summary to err. Blank lines are skipped.
 * Returns 0 when every line is a coin, STATUS_FAILED when any is not, STATUS_USAGE when there
 * was no line. */
int pow_check_stream(FILE *in, FILE *out, FILE *err, unsigned digits, unsigned zeros);

#endif
