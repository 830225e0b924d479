/* textfmt.h - fields for the row outputs of fetch and linkcheck: RFC 4180 CSV fields and JSON
 * strings, whatever bytes a URL or an error message holds. */
#ifndef SRC_TEXTFMT_H
#define SRC_TEXTFMT_H

#include <stdio.h>

/* Writes s as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line
 * break. NULL writes an empty field. */
void textfmt_csv(FILE *out, const char *s);

/* Writes s as a JSON string literal: quotes, backslashes and control bytes escaped, bytes that
 * are not valid UTF-8 replaced by U+FFFD so the stream stays valid JSON. NULL writes null. */
void textfmt_json(FILE *out, const char *s);

#endif
