/* html_links.c - a SAX handler on libxml2's HTML push parser, fed the page in pieces: which
 * attribute of which element is a link, ids and <a name> as anchors, srcset's candidates. */
#define _POSIX_C_SOURCE 200809L
#include "html_links.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

#define CHUNK (1 << 20)

typedef struct sax_state {
  html_item_fn *fn;
  void *ctx;
  int all_elements;
  char *base;
  size_t base_size;
  int have_base;
} sax_state;

/* The elements whose attribute is a link: <a>/<area> always, the rest with all_elements. */
static const struct {
  const char *tag, *attr;
  int always;
} link_attrs[] = {
  { "a", "href", 1 },       { "area", "href", 1 },   { "img", "src", 0 },
  { "img", "srcset", 0 },   { "script", "src", 0 },  { "link", "href", 0 },
  { "iframe", "src", 0 },   { "source", "src", 0 },  { "source", "srcset", 0 },
};

/* srcset="a.png 1x, b.png 2x": each candidate's URL (up to white space; a comma inside a URL
 * would be ambiguous and the spec lets a URL end at one followed by white space). */
static void srcset_links(sax_state *s, const char *v)
{
  char url[2048];
  while (*v) {
    v += strspn(v, " \t\n\r,");
    size_t n = strcspn(v, " \t\n\r");
    if (n > 0 && v[n - 1] == ',')
      n--;
    if (n > 0 && n < sizeof url) {
      memcpy(url, v, n);
      url[n] = '\0';
      s->fn(s->ctx, HTML_LINK, url);
    }
    v += n;
    v += strcspn(v, ","); /* the descriptor */
  }
}

static void on_start(void *p, const xmlChar *name, const xmlChar **attrs)
{
  sax_state *s = p;
  const char *tag = (const char *)name;
  if (!attrs)
    return;
  for (size_t k = 0; attrs[k]; k += 2) {
    const char *attr = (const char *)attrs[k], *v = (const char *)attrs[k + 1];
    if (!v)
      continue;
    if (strcmp(attr, "id") == 0 || (strcmp(tag, "a") == 0 && strcmp(attr, "name") == 0)) {
      s->fn(s->ctx, HTML_ANCHOR, v);
      continue;
    }
    if (strcmp(tag, "base") == 0 && strcmp(attr, "href") == 0 && !s->have_base && s->base) {
      snprintf(s->base, s->base_size, "%s", v);
      s->have_base = 1;
      continue;
    }
    for (size_t e = 0; e < sizeof link_attrs / sizeof link_attrs[0]; e++) {
      if ((!link_attrs[e].always && !s->all_elements) || strcmp(tag, link_attrs[e].tag) != 0 ||
          strcmp(attr, link_attrs[e].attr) != 0)
        continue;
      if (strcmp(attr, "srcset") == 0)
        srcset_links(s, v);
      else
        s->fn(s->ctx, HTML_LINK, v);
    }
  }
}

void html_links_init(void)
{
  xmlInitParser();
}

int html_links_parse(const char *text, size_t len, int all_elements, html_item_fn *fn,
                     void *ctx, char *base, size_t n)
{
  htmlSAXHandler sax;
  sax_state s = { fn, ctx, all_elements, n > 0 ? base : NULL, n, 0 };
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  if (n > 0)
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
