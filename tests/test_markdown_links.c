/* test_markdown_links.c - markdown_links against hand-written pages: every kind of link
 * CommonMark has (inline, full / collapsed / shortcut reference, autolink, image), raw HTML
 * blocks and inline HTML, headings with their GitHub slugs and repeats, links that code spans
 * and code blocks must hide, and input no page should hold (empty, binary, 1 MB of '[').
 * The expected slugs follow github-slugger's rules, worked out by hand. */
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "markdown_links.h"
#include "test_util.h"

/* What a parse reported, one "L url" or "A anchor" line per item, in order. */
typedef struct items {
  buffer lines;
  int out_of_memory;
} items;

static void collect(void *ctx, int kind, const char *value)
{
  items *seen = ctx;
  const char *tag = kind == HTML_LINK ? "L " : kind == HTML_ANCHOR ? "A " : "? ";
  if (buffer_append(&seen->lines, tag, 2) != 0 ||
      buffer_append(&seen->lines, value, strlen(value)) != 0 ||
      buffer_append(&seen->lines, "\n", 1) != 0)
    seen->out_of_memory = 1;
}

/* Parses markdown (a C string) and checks that it reported exactly want. */
static void check_items(const char *what, const char *markdown, int all_elements,
                        const char *want)
{
  items seen = { { NULL, 0, 0 }, 0 };
  int rc = markdown_links_parse(markdown, strlen(markdown), all_elements, collect, &seen);
  const char *got = seen.lines.p ? seen.lines.p : "";
  CHECK(rc == 0 && !seen.out_of_memory, "%s: returned %d", what, rc);
  CHECK(strcmp(got, want) == 0, "%s:\n--- got\n%s--- want\n%s---", what, got, want);
  buffer_free(&seen.lines);
}

static void check_slug(const char *heading, const char *want)
{
  char out[128];
  size_t len = markdown_slug(heading, out, sizeof out);
  CHECK(strcmp(out, want) == 0 && len == strlen(want),
        "slug of \"%s\": got \"%s\" (%zu) want \"%s\"", heading, out, len, want);
}

static void test_slugs(void)
{
  char small[4], in_place[] = "In Place!";
  check_slug("Hello World", "hello-world");
  check_slug("API: `fetch_run()` & friends", "api-fetch_run--friends");
  check_slug("C++ / MPI", "c--mpi");
  check_slug("Ünïcode ok", "ünïcode-ok"); /* Latin-1 capitals lowercased */
  check_slug("Über uns", "über-uns");
  check_slug("\xF0\x9F\x9A\x80 Launch", "-launch"); /* an emoji dropped, its space kept */
  check_slug("Œuvre — Ελληνικά Кириллица", "œuvre--ελληνικά-кириллица");
  check_slug("日本語 ok", "日本語-ok"); /* other scripts kept */
  check_slug("bad \xFF byte", "bad-\xFF-byte"); /* not UTF-8: kept */
  check_slug("a  b", "a--b");
  check_slug("  -x_Y-  ", "---x_y---");
  check_slug("...", "");
  check_slug("", "");
  /* Truncated like snprintf: the full length comes back. */
  CHECK(markdown_slug("Hello World", small, sizeof small) == 11 && strcmp(small, "hel") == 0,
        "truncated slug: got \"%s\"", small);
  CHECK(markdown_slug("Hello World", NULL, 0) == 11, "length only, with no buffer");
  CHECK(markdown_slug(in_place, in_place, sizeof in_place) == 8 &&
          strcmp(in_place, "in-place") == 0,
        "slug in place: got \"%s\"", in_place);
}

static void test_links(void)
{
  check_items("inline links", "[a](http://x.org/a) and [b](b.md \"title\")", 0,
              "L http://x.org/a\nL b.md\n");
  check_items("reference links: full, collapsed, shortcut; labels ignore case",
              "[a][r1] [R2][] [r3] [again][R1]\n\n"
              "[r1]: http://one\n[r2]: two.md\n[r3]: <three four.md>\n[unused]: http://unused\n",
              0, "L http://one\nL two.md\nL three four.md\nL http://one\n");
  check_items("a reference with no definition is text", "[nope] and [x][nope]", 0, "");
  check_items("autolinks; a bare URL is no link in CommonMark",
              "<http://x.org/p?q=1> <me@x.org> http://bare.org", 0,
              "L http://x.org/p?q=1\nL mailto:me@x.org\n");
  check_items("empty destination", "[a]() [b](<>)", 0, "L \nL \n");
  check_items("escapes and entities decoded, spaces not percent-encoded",
              "[a](x\\_y.md?a=1&amp;b=2) [b](<a b.md>)", 0, "L x_y.md?a=1&b=2\nL a b.md\n");
  check_items("image without all_elements", "![i](img.png)", 0, "");
  check_items("image with all_elements", "![i](img.png)", 1, "L img.png\n");
  check_items("image inside a link", "[![i](img.png)](page.md)", 1, "L page.md\nL img.png\n");
  check_items("link in a list in a quote", "> - [q](quoted.md)\n", 0, "L quoted.md\n");
}

static void test_raw_html(void)
{
  check_items("HTML block", "<div id=\"x\">\n<a href=\"blk.md\">b</a>\n</div>\n", 0,
              "A x\nL blk.md\n");
  check_items("HTML block with an image, all_elements", "<p><img src=\"pic.png\"></p>\n", 1,
              "L pic.png\n");
  /* Each tag is its own HTML_INLINE node: html_links sees "<a name=\"y\">" alone. */
  check_items("inline HTML", "text <a name=\"y\">here</a> and <a href=\"in.md\">i</a>", 0,
              "A y\nL in.md\n");
}

static void test_headings(void)
{
  check_items("slugs",
              "# Hello World\n## API: `fetch_run()` & friends\n### C++ / MPI\n# Ünïcode ok\n", 0,
              "A hello-world\nA api-fetch_run--friends\nA c--mpi\nA ünïcode-ok\n");
  check_items("repeats numbered per bare slug, skipping taken names",
              "# foo\n# foo\n# foo-1\n# Foo\n# a\n# a-1\n# a\n", 0,
              "A foo\nA foo-1\nA foo-1-1\nA foo-2\nA a\nA a-1\nA a-2\n");
  check_items("link text and emphasis count, the URL does not",
              "## See [the *docs*](docs.md) **now**\n", 0, "A see-the-docs-now\nL docs.md\n");
  check_items("setext heading", "Title Two\n=========\n", 0, "A title-two\n");
  check_items("an image's alt text is no part of the heading text", "# ![logo](l.png) Name\n", 0,
              "A -name\n");
  check_items("a named anchor inside a heading",
              "# <a name=\"old\"></a>New name\n", 0, "A new-name\nA old\n");
  check_items("empty heading", "#\n", 0, "A \n");
}

static void test_code_hides_links(void)
{
  check_items("code span", "`[a](b)` and ``<a href=\"c\">``", 0, "");
  check_items("fenced code block", "```\n[a](b)\n<a href=\"c\">\n```\n", 0, "");
  check_items("indented code block", "    [a](b)\n", 0, "");
}

/* Parses len bytes and checks only that the parse returned 0 (and ASan, that it was clean). */
static void check_survives(const char *what, const char *text, size_t len)
{
  items seen = { { NULL, 0, 0 }, 0 };
  int rc = markdown_links_parse(text, len, 1, collect, &seen);
  CHECK(rc == 0 && !seen.out_of_memory, "%s: returned %d", what, rc);
  buffer_free(&seen.lines);
}

static void test_weird_input(void)
{
  const size_t big = 1 << 20;
  char binary[4096];
  char *text = malloc(big);
  CHECK(text != NULL, "out of memory");
  if (!text)
    return;
  check_survives("empty text", "", 0);
  for (size_t i = 0; i < sizeof binary; i++)
    binary[i] = (char)(i * 7 + i / 256);
  check_survives("binary bytes, NULs included", binary, sizeof binary);
  memset(text, '[', big);
  check_survives("1 MB of '['", text, big);
  memset(text, '>', big);
  check_survives("1 MB of '>' (nested quotes)", text, big);
  for (size_t i = 0; i + 4 <= big; i += 4)
    memcpy(text + i, "[a](", 4);
  check_survives("1 MB of unclosed links", text, big);
  memset(text, 'x', big);
  text[0] = '#';
  text[1] = ' ';
  check_survives("a 1 MB heading", text, big);
  free(text);
}

int main(void)
{
  test_slugs();
  test_links();
  test_raw_html();
  test_headings();
  test_code_hides_links();
  test_weird_input();
  return test_summary("test_markdown_links");
}
