/* strmap.h - a string-keyed hash map to small integers (open addressing, FNV-1a), for the
 * de-duplication of links and the host table of the politeness limits: 100,000 keys must
 * cost milliseconds, not the quadratic scan a list would. */
#ifndef SRC_STRMAP_H
#define SRC_STRMAP_H

#include <stddef.h>

typedef struct strmap {
  char **keys;    /* owned copies; NULL marks an empty slot */
  size_t *values;
  size_t cap, len;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);

/* The value stored under key, or (size_t)-1 when there is none. */
size_t strmap_get(const strmap *m, const char *key);

/* Stores key (copied) with value unless key is already there. Returns the value now stored
 * under key (the old one when present), or (size_t)-1 when memory ran out. */
size_t strmap_put(strmap *m, const char *key, size_t value);

#endif
