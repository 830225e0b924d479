/* json.h - JSON strings for the row outputs of fetch and linkcheck, whatever bytes a URL or an
 * error message holds (CSV fields come from csv.h). */
#ifndef SRC_BASE_JSON_H
#define SRC_BASE_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal: quotes, backslashes and control bytes escaped, bytes that
 * are not valid UTF-8 replaced by U+FFFD so the stream stays valid JSON. NULL writes null. */
void json_string(FILE *out, const char *s);

#endif
