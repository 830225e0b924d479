/* html_links.h - the links and anchors of an HTML page, found by libxml2's HTML parser (SAX,
 * streaming: no tree is built, so a 50 MB page costs no more memory than its text): the href
 * of every <a> and <area> (with all_elements also the src, href and srcset of img, script,
 * link, iframe and source), every id and <a name> a fragment may point at, and the first
 * <base href>. Tolerates anything: broken markup, binary bytes. */
#ifndef SRC_HTML_LINKS_H
#define SRC_HTML_LINKS_H

#include <stddef.h>

/* What a page holds, as html_item_fn receives it. */
enum html_item {
  HTML_LINK,  /* a URL as the page wrote it (entities decoded) */
  HTML_ANCHOR /* a name a fragment can point at: an id, an <a name>, a Markdown heading's slug */
};

/* Receives each item in document order. */
typedef void html_item_fn(void *ctx, int kind, const char *value);

/* Sets libxml2 up: call once, on the main thread, before pages are parsed on several threads
 * (fetch's digest hook runs on its transfer threads). */
void html_links_init(void);

/* Parses text[0..len) and calls fn for each item; the first <base href> goes into base
 * (truncated to n bytes; "" when the page has none; base may be NULL when n is 0). Returns 0,
 * or STATUS_SYSTEM when the parser could not be created (out of memory). */
int html_links_parse(const char *text, size_t len, int all_elements, html_item_fn *fn,
                     void *ctx, char *base, size_t n);

#endif
