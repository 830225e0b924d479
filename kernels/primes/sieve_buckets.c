/* sieve_buckets.c - the bucket lists of large sieving primes. */
#include "sieve_buckets.h"

#include <stdlib.h>
#include <string.h>

#include "wheel30.h"

static void release_list(sieve_buckets *b, sieve_bucket *list)
{
  while (list) {
    sieve_bucket *next = list->next;
    list->next = b->free;
    b->free = list;
    list = next;
  }
}

int sieve_buckets_reset(sieve_buckets *b, unsigned seg_shift, uint64_t max_prime)
{
  /* The farthest a prime jumps: its first multiple is within 7p numbers of the range start
   * or of p^2, and each later step is at most 6p numbers; in segments, plus two. */
  uint64_t farthest = (7 * (max_prime / 30 + 1) >> seg_shift) + 2, n = 1;
  while (n <= farthest)
    n *= 2;
  for (size_t s = 0; s < b->nslots; s++) {
    release_list(b, b->slot[s]);
    b->slot[s] = NULL;
  }
  if (n > b->nslots) {
    sieve_bucket **slot = realloc(b->slot, n * sizeof *slot);
    if (!slot)
      return -1;
    memset(slot, 0, n * sizeof *slot);
    b->slot = slot;
    b->nslots = n;
  }
  b->seg_shift = seg_shift;
  return 0;
}

int sieve_buckets_push(sieve_buckets *b, uint64_t segment, uint32_t q, uint32_t idx,
                       unsigned wi)
{
  sieve_bucket **head = &b->slot[segment & (b->nslots - 1)];
  sieve_bucket *k = *head;
  if (!k || k->n == SIEVE_BUCKET_ENTRIES) {
    k = b->free;
    if (k)
      b->free = k->next;
    else
      k = malloc(sizeof *k);
    if (!k)
      return -1;
    k->n = 0;
    k->next = *head;
    *head = k;
  }
  k->e[k->n].q = q;
  k->e[k->n].pos = idx << 6 | wi;
  k->n++;
  return 0;
}

int sieve_buckets_cross(sieve_buckets *b, uint8_t *seg, size_t nbytes, uint64_t segment,
                        uint64_t nsegments)
{
  sieve_bucket **head = &b->slot[segment & (b->nslots - 1)];
  sieve_bucket *list = *head;
  const uint64_t mask = ((uint64_t)1 << b->seg_shift) - 1;
  *head = NULL;
  while (list) {
    for (uint32_t k = 0; k < list->n; k++) {
      const uint64_t q = list->e[k].q;
      uint64_t i = list->e[k].pos >> 6;
      unsigned wi = list->e[k].pos & 63;
      while (i < nbytes) {
        const wheel30_step *s = &wheel30_steps[wi];
        seg[i] &= (uint8_t)~s->mask;
        i += q * s->dk + s->extra;
        wi = s->next;
      }
      uint64_t next = segment + (i >> b->seg_shift);
      if (next < nsegments && sieve_buckets_push(b, next, (uint32_t)q, (uint32_t)(i & mask), wi))
        return -1;
    }
    sieve_bucket *done = list;
    list = list->next;
    done->next = b->free;
    b->free = done;
  }
  return 0;
}

void sieve_buckets_free(sieve_buckets *b)
{
  for (size_t s = 0; s < b->nslots; s++)
    release_list(b, b->slot[s]);
  while (b->free) {
    sieve_bucket *next = b->free->next;
    free(b->free);
    b->free = next;
  }
  free(b->slot);
  memset(b, 0, sizeof *b);
}
