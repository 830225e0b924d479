/* url_deal.c - who gets which URL, and the dealing: one scatter of the share sizes, then one
 * message (in pieces of at most 1 GiB, MPI's int counts) from rank 0 to each other rank with
 * its URLs as records of an 8-byte index and the NUL-terminated string. Rank 0 packs every
 * share once into one buffer (about the list's size again, freed at the end) and keeps the
 * owner array for the merge in list order (fetch_merge.h). */
#define _POSIX_C_SOURCE 200809L
#include "url_deal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "collective.h"
#include "fetch_hosts.h"
#include "mpi_check.h"

enum { TAG_DEAL = 21 };
#define PIECE ((size_t)1 << 30)

static uint64_t fnv1a(const char *s)
{
  uint64_t h = 14695981039346656037ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

/* Rank 0: owner[i] for every URL. Returns 0 or STATUS_SYSTEM (curl's URL handle). */
static int choose_owners(const runtime *rt, const fetch_config *c, const char *const *urls,
                         size_t n, uint32_t *owner)
{
  int by_host = c->max_per_host > 0 || c->host_interval_s > 0;
  CURLU *u = by_host ? curl_url() : NULL;
  if (by_host && !u)
    return STATUS_SYSTEM;
  for (size_t i = 0; i < n; i++) {
    char key[1024];
    if (by_host)
      fetch_host_key(u, urls[i], key, sizeof key);
    owner[i] = (uint32_t)((by_host ? fnv1a(key) : i) % (uint64_t)rt->size);
  }
  curl_url_cleanup(u);
  return 0;
}

/* Room for a share of n URLs (and, off rank 0, bytes of text). */
static int share_alloc(url_share *s, size_t n, size_t bytes, int own_text)
{
  s->n = n;
  s->urls = malloc((n ? n : 1) * sizeof *s->urls);
  s->index = malloc((n ? n : 1) * sizeof *s->index);
  s->text = own_text ? malloc(bytes ? bytes : 1) : NULL;
  return s->urls && s->index && (!own_text || s->text) ? 0 : STATUS_SYSTEM;
}

/* One rank: the whole list is its share. */
static int share_all(const char *const *urls, size_t n, url_share *s)
{
  if (share_alloc(s, n, 0, 0) != 0)
    return STATUS_SYSTEM;
  for (size_t i = 0; i < n; i++) {
    s->urls[i] = urls[i];
    s->index[i] = i;
  }
  return 0;
}

/* Rank 0: every other rank's records packed at its offset in dealt (at[r] moves to the end of
 * rank r's part), its own share in s. */
static void pack_shares(const char *const *urls, size_t n, const uint32_t *owner, char *dealt,
                        size_t *at, url_share *s)
{
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (owner[i] == 0) {
      s->urls[k] = urls[i];
      s->index[k++] = i;
      continue;
    }
    uint64_t index = i;
    size_t len = strlen(urls[i]) + 1;
    memcpy(dealt + at[owner[i]], &index, sizeof index);
    memcpy(dealt + at[owner[i]] + sizeof index, urls[i], len);
    at[owner[i]] += sizeof index + len;
  }
}

/* bytes at p from rank 0 (recv) or to rank dest, in pieces. Returns 0 or STATUS_MPI. */
static int move_bytes(char *p, size_t bytes, int recv, int dest)
{
  int rc = 0;
  for (size_t done = 0; rc == 0 && done < bytes;) {
    int part = (int)(bytes - done > PIECE ? PIECE : bytes - done);
    rc = recv ? MPI_CHECK(MPI_Recv(p + done, part, MPI_CHAR, 0, TAG_DEAL, MPI_COMM_WORLD,
                                   MPI_STATUS_IGNORE))
              : MPI_CHECK(MPI_Send(p + done, part, MPI_CHAR, dest, TAG_DEAL, MPI_COMM_WORLD));
    done += (size_t)part;
  }
  return rc;
}

/* A rank other than 0: the pointers and indices from the records received. */
static void unpack_share(url_share *s)
{
  const char *p = s->text;
  for (size_t k = 0; k < s->n; k++) {
    memcpy(&s->index[k], p, sizeof s->index[k]);
    s->urls[k] = p + sizeof s->index[k];
    p = s->urls[k] + strlen(s->urls[k]) + 1;
  }
}

int url_deal(const runtime *rt, const fetch_config *c, const char *const *urls, size_t n,
             url_share *mine, size_t *total, uint32_t **owner)
{
  unsigned long long count = n;
  uint64_t *sizes = NULL, my_size[2] = { 0, 0 }; /* per rank: URLs and bytes of records */
  size_t *at = NULL, dealt_bytes = 0;
  char *dealt = NULL;
  int rc = collective_bcast(rt, &count, 1, MPI_UNSIGNED_LONG_LONG);
  memset(mine, 0, sizeof *mine);
  *owner = NULL;
  *total = (size_t)count;
  if (rc != 0)
    return rc;
  if (rt->size == 1) {
    rc = share_all(urls, n, mine);
    if (rc != 0)
      fprintf(stderr, "out of memory for %zu URLs\n", n);
    goto out;
  }

  if (rt->rank == 0) {
    *owner = malloc((n ? n : 1) * sizeof **owner);
    sizes = calloc(2 * (size_t)rt->size, sizeof *sizes);
    at = calloc((size_t)rt->size, sizeof *at);
    rc = *owner && sizes && at ? choose_owners(rt, c, urls, n, *owner) : STATUS_SYSTEM;
    for (size_t i = 0; rc == 0 && i < n; i++) {
      sizes[2 * (*owner)[i]]++;
      sizes[2 * (*owner)[i] + 1] += sizeof(uint64_t) + strlen(urls[i]) + 1;
    }
    for (int r = 1; rc == 0 && r < rt->size; r++) {
      at[r] = dealt_bytes;
      dealt_bytes += (size_t)sizes[2 * r + 1];
    }
    if (rc == 0 && !(dealt = malloc(dealt_bytes ? dealt_bytes : 1)))
      rc = STATUS_SYSTEM;
    if (rc != 0)
      fprintf(stderr, "rank 0: out of memory dealing %zu URLs\n", n);
  }
  rc = agree(rt, rc);
  if (rc == 0)
    rc = MPI_CHECK(MPI_Scatter(sizes, 2, MPI_UINT64_T, my_size, 2, MPI_UINT64_T, 0,
                               MPI_COMM_WORLD));
  if (rc != 0)
    goto out;
  if (share_alloc(mine, (size_t)my_size[0], (size_t)my_size[1], rt->rank != 0) != 0) {
    fprintf(stderr, "rank %d: out of memory for its %llu URLs\n", rt->rank,
            (unsigned long long)my_size[0]);
    rc = STATUS_SYSTEM;
  }
  rc = agree(rt, rc);
  if (rc != 0)
    goto out;
  if (rt->rank == 0) {
    pack_shares(urls, n, *owner, dealt, at, mine);
    for (int r = 1; rc == 0 && r < rt->size; r++)
      rc = move_bytes(dealt + at[r] - sizes[2 * r + 1], (size_t)sizes[2 * r + 1], 0, r);
  } else {
    rc = move_bytes(mine->text, (size_t)my_size[1], 1, 0);
    if (rc == 0)
      unpack_share(mine);
  }
out:
  free(sizes);
  free(at);
  free(dealt);
  if (rc != 0) {
    url_share_free(mine);
    free(*owner);
    *owner = NULL;
  }
  return rc;
}

void url_share_free(url_share *s)
{
  free(s->urls);
  free(s->index);
  free(s->text);
  memset(s, 0, sizeof *s);
}
