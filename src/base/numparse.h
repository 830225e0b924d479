/* numparse.h - numbers from the command line, checked: plain integers, powers and sums the
 * way primesieve takes them ("1e10", "2^32", "10^12", "1e12+1e9"), and decimals. */
#ifndef SRC_NUMPARSE_H
#define SRC_NUMPARSE_H

#include <stdint.h>

/* Parses a non-negative integer expression: terms joined by '+', each a decimal integer
 * optionally followed by 'e' EXP (times 10^EXP) or '^' EXP (to the power EXP). No sign, no
 * spaces. Returns 0, -1 when the text is not such an expression, -2 when it exceeds 2^64-1. */
int numparse_u64(const char *text, uint64_t *out);

/* Parses a finite decimal number ("2", "0.5", "1e-3") filling the whole text. Returns 0 or -1. */
int numparse_double(const char *text, double *out);

#endif
