/* csv.h - RFC 4180 lines built in a caller's buffer, and appends that many processes can make
 * to one file at once: the results CSV and its run sidecar are both written through this. */
#ifndef SRC_CSV_H
#define SRC_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct csv_line {
  char *p;
  size_t n, len;
  int overflow; /* set when a field did not fit; the line is then unusable */
} csv_line;

/* An empty line writing into buf[0..n). */
csv_line csv_line_in(char *buf, size_t n);

/* Appends printf-formatted text as is (numbers, separators). */
void csv_raw(csv_line *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends a text field (NULL is empty), quoted when it holds a comma, a quote or a line break,
 * followed by ',' or, when last, by '\n'. */
void csv_text(csv_line *b, const char *s, int last);

/* Writes s to out as one field, quoted as csv_text quotes (NULL writes an empty field); no
 * separator. For the streamed rows of fetch and linkcheck. */
void csv_field(FILE *out, const char *s);

/* Appends line (len bytes, one whole record) to the CSV at path, writing header and '\n'
 * first when the file is empty. The file is locked (flock) and opened O_APPEND, so
 * concurrent writers each add whole lines. Returns 0; STATUS_USAGE when the file's first
 * line is another header (rows of another schema, which this row would not line up with:
 * nothing written); STATUS_SYSTEM with errno set. */
int csv_append(const char *path, const char *header, const char *line, size_t len);

/* 1 when appending to path under header is safe: no such file, an empty one, one that is not
 * a regular file or cannot be read, or one whose first line is header; 0 when its first line
 * is something else. */
int csv_header_matches(const char *path, const char *header);

#endif
