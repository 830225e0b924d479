/* sieve_scan.h - what the tools read out of a sieved segment (sieve_engine.h): the count,
 * the sum, the twin pairs, the primes as decimal text or as a list. Primes below 7 have no
 * bits; the callers add them. */
#ifndef KERNELS_SIEVE_SCAN_H
#define KERNELS_SIEVE_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "sieve_engine.h"

/* The number of primes in the segment. */
uint64_t sieve_scan_count(const sieve_segment *s);

/* The sum of the segment's primes, modulo 2^64. */
uint64_t sieve_scan_sum(const sieve_tables *t, const sieve_segment *s);

/* The twin pairs (p, p + 2) with both in the segment, plus the pair of *carry (1 when the
 * previous consecutive segment's last number, 30k - 1, was prime) with the first byte's
 * first number. Sets *carry for the next segment. */
uint64_t sieve_scan_twins(const sieve_segment *s, int *carry);

/* Writes the segment's primes, from byte *pos on, as decimal lines into buf[0..n), stopping
 * before a line that would not fit; advances *pos past the bytes written in full. Returns the
 * bytes written. n must hold at least 8 * 21 bytes. */
size_t sieve_scan_format(const sieve_segment *s, size_t *pos, char *buf, size_t n);

/* Appends the segment's primes to out[*n..cap); returns 0, or -1 when they do not fit. */
int sieve_scan_collect(const sieve_segment *s, uint64_t *out, size_t *n, size_t cap);

#endif
