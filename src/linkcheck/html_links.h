/* html_links.h - the links of an HTML page, found by libxml2's HTML parser (SAX, streaming:
 * no tree is built, so a 50 MB page costs no more memory than its text): the href of every
 * <a> and <area>, and the first <base href>. Tolerates anything: broken markup, binary bytes. */
#ifndef SRC_HTML_LINKS_H
#define SRC_HTML_LINKS_H

#include <stddef.h>

/* Receives each href, in document order, as the page wrote it (entities decoded). */
typedef void html_link_fn(void *ctx, const char *href);

/* Parses text[0..len) and calls fn for each link; the first <base href> goes into base
 * (truncated to n bytes; "" when the page has none). Returns 0, or STATUS_SYSTEM when the parser
 * could not be created (out of memory). */
int html_links_parse(const char *text, size_t len, html_link_fn *fn, void *ctx, char *base,
                     size_t n);

#endif
