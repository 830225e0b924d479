/* result_pack.h - a fetch_result as bytes, for a message between ranks: the fields a row needs
 * and the final URL and message, and the body when one was kept (a digest of it, where the
 * fetch had one: a page's links, not its bytes). */
#ifndef SRC_RESULT_PACK_H
#define SRC_RESULT_PACK_H

#include <stdint.h>

#include "buffer.h"
#include "fetch.h"

/* Appends index and r to b. Returns 0, or STATUS_SYSTEM (out of memory; b may hold part of
 * the record: drop it). */
int result_pack(buffer *b, uint64_t index, const fetch_result *r);

/* Reads one record at *p (at most end), advances *p past it and fills r (final_url malloc'd;
 * free with fetch_result_free). Returns 0, or STATUS_FAILED when the bytes are cut short or
 * a string lacks its NUL (r is then empty), or STATUS_SYSTEM (out of memory). */
int result_unpack(const char **p, const char *end, uint64_t *index, fetch_result *r);

#endif
