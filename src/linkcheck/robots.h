/* robots.h - a site's robots.txt (RFC 9309) as a crawler obeys it: the group for our product
 * token, else the one for '*'; Allow and Disallow rules with '*' and '$'; the longest match
 * wins, Allow on a tie; no rule, or no robots.txt: allowed. */
#ifndef SRC_ROBOTS_H
#define SRC_ROBOTS_H

#include <stddef.h>

typedef struct robots_rule {
  char *pattern;
  int allow;
} robots_rule;

typedef struct robots {
  robots_rule *rules;
  size_t n, cap;
} robots;

/* The rules of text[0..len) for agent (a product token such as "linkcheck"). Returns 0 or
 * STATUS_SYSTEM (memory). */
int robots_parse(robots *r, const char *text, size_t len, const char *agent);

/* path (with its query, as in a request line) may be fetched. */
int robots_allowed(const robots *r, const char *path);

void robots_free(robots *r);

#endif
