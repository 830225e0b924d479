/* html_links.c - a SAX handler on libxml2's HTML push parser, fed the page in pieces. */
#define _POSIX_C_SOURCE 200809L
#include "html_links.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

#define CHUNK (1 << 20)

typedef struct sax_state {
  html_link_fn *fn;
  void *ctx;
  char *base;
  size_t base_size;
  int have_base;
} sax_state;

static void on_start(void *p, const xmlChar *name, const xmlChar **attrs)
{
  sax_state *s = p;
  const char *tag = (const char *)name;
  int anchor = strcmp(tag, "a") == 0 || strcmp(tag, "area") == 0;
  int base = strcmp(tag, "base") == 0;
  if ((!anchor && !base) || !attrs)
    return;
  for (size_t k = 0; attrs[k]; k += 2) {
    if (strcmp((const char *)attrs[k], "href") != 0 || !attrs[k + 1])
      continue;
    if (anchor)
      s->fn(s->ctx, (const char *)attrs[k + 1]);
    else if (!s->have_base) {
      snprintf(s->base, s->base_size, "%s", (const char *)attrs[k + 1]);
      s->have_base = 1;
    }
    return;
  }
}

int html_links_parse(const char *text, size_t len, html_link_fn *fn, void *ctx, char *base,
                     size_t n)
{
  htmlSAXHandler sax;
  sax_state s = { fn, ctx, base, n, 0 };
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  base[0] = '\0';
  htmlParserCtxtPtr p = htmlCreatePushParserCtxt(&sax, &s, NULL, 0, NULL, XML_CHAR_ENCODING_NONE);
  if (!p)
    return STATUS_SYSTEM;
  htmlCtxtUseOptions(p, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                          HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  for (size_t done = 0; done < len;) {
    size_t part = len - done < CHUNK ? len - done : CHUNK;
    htmlParseChunk(p, text + done, (int)part, 0);
    done += part;
  }
  htmlParseChunk(p, NULL, 0, 1);
  htmlFreeParserCtxt(p);
  return 0;
}
