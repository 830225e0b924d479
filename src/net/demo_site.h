/* demo_site.h - the project's local test site (scripts/testsite: nginx on free loopback
 * ports) started and stopped from a program, so that fetch and linkcheck with no arguments
 * show their teaching scenario offline. */
#ifndef SRC_DEMO_SITE_H
#define SRC_DEMO_SITE_H

#include <stddef.h>

typedef struct demo_site {
  char dir[256];   /* the site's private directory; "" when not started */
  char http[128];  /* http://127.0.0.1:PORT */
  char other[128]; /* the same site as another host */
} demo_site;

/* Starts a site with `pages` wiki pages in a new temporary directory. Returns 0, or
 * STATUS_USAGE with a one-line reason in err (nginx missing, the script not found, ...):
 * nothing is left running or on disk then. */
int demo_site_start(demo_site *s, unsigned pages, char *err, size_t errlen);

/* Stops the site and removes its directory; nothing for a site that never started (zeroed, or
 * after a failed demo_site_start). */
void demo_site_stop(demo_site *s);

#endif
