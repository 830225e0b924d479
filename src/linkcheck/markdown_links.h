/* markdown_links.h - the links and anchors of a Markdown page, found by libcmark's CommonMark
 * parser: link destinations (inline, reference, autolink; images with all_elements), each
 * heading's anchor as GitHub names it, and whatever html_links finds in the raw HTML the page
 * embeds. Reports items through the same callback as html_links, so linkcheck treats both
 * kinds of page alike. Tolerates anything: cmark accepts every byte string. */
#ifndef SRC_MARKDOWN_LINKS_H
#define SRC_MARKDOWN_LINKS_H

#include <stddef.h>

#include "html_links.h"

/* Parses Markdown text[0..len) and calls fn in document order: HTML_LINK with every link
 * destination as cmark resolved it (entities and backslash escapes decoded, not percent-encoded;
 * "" for [a]()), that is inline links, full / collapsed / shortcut reference links (their
 * definition's URL, at the place of use; a definition no link uses is not reported) and
 * autolinks ("mailto:me@x.org" for <me@x.org>); with all_elements also image sources; and
 * HTML_ANCHOR with each heading's slug (markdown_slug, "-1", "-2", ... appended to repeats as
 * GitHub does). Raw HTML blocks and inline HTML go to html_links_parse, so their <a href>, id
 * and <a name> count too. Code spans and code blocks yield nothing. Returns 0 or STATUS_SYSTEM
 * (out of memory). */
int markdown_links_parse(const char *text, size_t len, int all_elements, html_item_fn *fn,
                         void *ctx);

/* Writes the GitHub slug of a heading's plain text into out (at most n - 1 bytes and a NUL, as
 * snprintf does; out may be heading itself, the slug is never longer) and returns its full
 * length. The rules of github-slugger: letters lowercased; ASCII punctuation, symbols and
 * emoji dropped (ASCII letters, digits, '-', '_' and ' ' kept); each space becomes '-' (runs
 * are kept: "a  b" gives "a--b"). Past ASCII the case and symbol tables cover Latin-1, Latin
 * Extended-A, Greek, Cyrillic, general punctuation, arrows, technical and other symbols,
 * dingbats and emoji; other scripts' letters are kept as they are. */
size_t markdown_slug(const char *heading, char *out, size_t n);

#endif
