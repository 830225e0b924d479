/* strmap.c - open addressing with linear probing, kept at most half full. */
#define _POSIX_C_SOURCE 200809L
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MISSING ((size_t)-1)

static uint64_t hash(const char *s)
{
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ull;
  }
  return h;
}

void strmap_init(strmap *m)
{
  memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m)
{
  for (size_t i = 0; i < m->cap; i++)
    free(m->keys[i]);
  free(m->keys);
  free(m->values);
  strmap_init(m);
}

/* The slot holding key, or the empty slot where it would go. cap is a power of two. */
static size_t slot_of(char *const *keys, size_t cap, const char *key)
{
  size_t i = (size_t)hash(key) & (cap - 1);
  while (keys[i] && strcmp(keys[i], key) != 0)
    i = (i + 1) & (cap - 1);
  return i;
}

size_t strmap_get(const strmap *m, const char *key)
{
  if (m->cap == 0)
    return MISSING;
  size_t i = slot_of(m->keys, m->cap, key);
  return m->keys[i] ? m->values[i] : MISSING;
}

static int grow(strmap *m)
{
  size_t cap = m->cap ? 2 * m->cap : 64;
  char **keys = calloc(cap, sizeof *keys);
  size_t *values = calloc(cap, sizeof *values);
  if (!keys || !values) {
    free(keys);
    free(values);
    return -1;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t j = slot_of(keys, cap, m->keys[i]);
    keys[j] = m->keys[i];
    values[j] = m->values[i];
  }
  free(m->keys);
  free(m->values);
  m->keys = keys;
  m->values = values;
  m->cap = cap;
  return 0;
}

size_t strmap_put(strmap *m, const char *key, size_t value)
{
  if (2 * (m->len + 1) > m->cap && grow(m) != 0)
    return MISSING;
  size_t i = slot_of(m->keys, m->cap, key);
  if (m->keys[i])
    return m->values[i];
  m->keys[i] = strdup(key);
  if (!m->keys[i])
    return MISSING;
  m->values[i] = value;
  m->len++;
  return value;
}
