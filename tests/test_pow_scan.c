/* test_pow_scan.c - the proof-of-work kernel and search space against OpenSSL as the
 * oracle: for many random batches, lengths, widths, ranges and zero counts, the scanner's
 * hits are exactly the candidates whose OpenSSL MD5 hex digest ends in the zeros. Small
 * zero counts make many hits per batch; a tiny hits buffer exercises the resume path. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pow_space.h"
#include "test_util.h"

static int oracle_is_coin(const char *s, unsigned zeros)
{
  unsigned char d[16];
  unsigned int n = 16;
  char hex[33];
  EVP_Digest(s, strlen(s), d, &n, EVP_md5(), NULL);
  for (int i = 0; i < 16; i++)
    snprintf(hex + 2 * i, 3, "%02x", d[i]);
  for (unsigned i = 0; i < zeros; i++)
    if (hex[31 - i] != '0')
      return 0;
  return 1;
}

/* Scans [first, first + count) in pieces of at most max_hits hits, as a caller would. */
static size_t scan_all(pow_scan_fn *scan, const pow_batch *b, const pow_target *t, uint64_t first,
                       uint64_t count, uint64_t *hits, size_t max_hits, size_t cap)
{
  size_t total = 0;
  while (count > 0 && total < cap) {
    uint64_t scanned = 0;
    size_t room = cap - total < max_hits ? cap - total : max_hits;
    size_t n = scan(b, t, first, count, hits + total, room, &scanned);
    total += n;
    if (scanned == 0 && n == 0)
      break;
    first += scanned;
    count -= scanned;
  }
  return total;
}

static void check_batch(pow_scan_fn *scan, unsigned len, unsigned width, unsigned zeros,
                        uint64_t first, uint64_t count, size_t max_hits)
{
  char digits[MD5_ONE_BLOCK_MAX + 1], cand[MD5_ONE_BLOCK_MAX + 1];
  static uint64_t hits[20000];
  pow_batch b;
  pow_target t;

  for (unsigned i = 0; i < len; i++)
    digits[i] = (char)('0' + rand() % 10);
  digits[len] = '\0';
  CHECK(pow_batch_init(&b, digits, len, width) == 0, "batch init len %u width %u", len, width);
  CHECK(pow_target_init(&t, zeros) == 0, "target init %u", zeros);
  size_t n = scan_all(scan, &b, &t, first, count, hits, max_hits, sizeof hits / sizeof hits[0]);

  size_t k = 0;
  int bad = 0;
  for (uint64_t lo = first; lo < first + count && !bad; lo++) {
    pow_batch_candidate(&b, lo, cand);
    int want = oracle_is_coin(cand, zeros);
    int got = k < n && hits[k] == lo;
    if (got)
      k++;
    if (want != got) {
      bad = 1;
      CHECK(0, "len %u width %u zeros %u: candidate %s: kernel %d, OpenSSL %d", len, width, zeros,
            cand, got, want);
    }
  }
  CHECK(k == n, "len %u width %u zeros %u: %zu hits, %zu matched", len, width, zeros, n, k);
}

int main(void)
{
  srand(2026);
  /* Every length and every width that fits, with ranges that start and end anywhere. */
  for (unsigned len = 1; len <= MD5_ONE_BLOCK_MAX; len++) {
    unsigned widths[] = { 1, 2, 3, 5, 9, 19 };
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
      unsigned width = widths[w];
      if (width > len)
        continue;
      pow_batch probe;
      pow_batch_init(&probe, "0", 1, 1);
      uint64_t size = 1;
      for (unsigned i = 0; i < width; i++)
        size *= 10;
      uint64_t count = size < 300 ? size : 300;
      uint64_t first = size == count ? 0 : (uint64_t)rand() % (size - count);
      check_batch(pow_scan_scalar, len, width, 1 + rand() % 2, first, count, 1 + rand() % 7);
    }
  }
  /* Odd and even counts, the batch's very end (the odometer must not carry past it). */
  check_batch(pow_scan_scalar, 50, 3, 1, 0, 1000, 4);
  check_batch(pow_scan_scalar, 50, 3, 1, 999, 1, 4);
  check_batch(pow_scan_scalar, 50, 3, 2, 1, 998, 64);
  check_batch(pow_scan_scalar, 7, 5, 3, 0, 100000, 64);
  check_batch(pow_scan_scalar, 50, 5, 3, 0, 100000, 64);
  /* Zero counts beyond 8 take the path that checks the other words; 0 makes all hits. */
  check_batch(pow_scan_scalar, 50, 4, 0, 0, 1000, 3);
  check_batch(pow_scan_scalar, 33, 4, 9, 0, 10000, 3);

  /* The search space: chunks hold distinct strings, and a seed picks its own space. */
  pow_space s1, s2;
  CHECK(pow_space_init(&s1, 50, 1) == 0 && pow_space_init(&s2, 50, 2) == 0, "space init");
  CHECK(pow_space_init(&s1, 0, 1) != 0 && pow_space_init(&s1, 56, 1) != 0, "space bad digits");
  pow_space_init(&s1, 50, 1);
  pow_batch b1, b2;
  char c1[56], c2[56];
  pow_space_chunk(&s1, 0, &b1);
  pow_space_chunk(&s2, 0, &b2);
  pow_batch_candidate(&b1, 0, c1);
  pow_batch_candidate(&b2, 0, c2);
  CHECK(strcmp(c1, c2) != 0, "seeds 1 and 2 give the same first candidate %s", c1);
  CHECK(strlen(c1) == 50, "candidate length %zu", strlen(c1));
  /* 9 digits: 5 scanned (4 + 9 % 4) and 4 counted by the chunk index, so 10^4 chunks whose
   * 4 leading digits must all differ. */
  pow_space small;
  pow_space_init(&small, 9, 99);
  CHECK(small.chunk_digits == 5 && small.nchunks == 10000, "9 digits: %u scanned, %llu chunks",
        small.chunk_digits, (unsigned long long)small.nchunks);
  static char seen[10000];
  for (uint64_t i = 0; i < small.nchunks; i++) {
    pow_space_chunk(&small, i, &b1);
    pow_batch_candidate(&b1, 0, c1);
    int head = 0;
    for (int k = 0; k < 4; k++)
      head = head * 10 + (c1[k] - '0');
    CHECK(!seen[head], "chunk %llu repeats head %d", (unsigned long long)i, head);
    seen[head] = 1;
  }
  return test_summary("test_pow_scan");
}
