/* url_list.h - a list of URLs (or page names) read on rank 0 from operands or a file, as one
 * buffer of NUL-separated strings; url_deal.h hands the other ranks their shares of it. */
#ifndef SRC_URL_LIST_H
#define SRC_URL_LIST_H

#include <stddef.h>

typedef struct url_list {
  char *text;        /* the strings, each NUL-terminated, back to back */
  size_t len;        /* bytes in text */
  size_t cap;        /* bytes text has room for */
  const char **urls; /* pointers into text, set by url_list_index */
  size_t n;
} url_list;

/* Appends one string. Returns 0 or STATUS_SYSTEM (out of memory). */
int url_list_add(url_list *l, const char *s, size_t n);

/* Reads lines from path ("-": stdin): blank lines and lines starting with '#' skipped,
 * surrounding blanks trimmed. Returns 0, or STATUS_USAGE with a one-line reason in err
 * (unreadable, a NUL byte: not a text file), or STATUS_SYSTEM (out of memory). */
int url_list_read(url_list *l, const char *path, char *err, size_t errlen);

/* Points l->urls at the strings (after the last url_list_add). Returns 0 or STATUS_SYSTEM. */
int url_list_index(url_list *l);

void url_list_free(url_list *l);

#endif
