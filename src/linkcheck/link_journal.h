/* link_journal.h - the state file of linkcheck --resume FILE: one line per link whose check
 * finished (its URL and everything its row and class need), appended with one write() the
 * moment rank 0 has the result, so a run killed at any moment keeps every finished check.
 * Opening the file reads it (a torn last line from a kill is dropped), then rewrites it whole
 * through a temporary file and a rename before appending, so the file on disk is always
 * either the old state or a complete new one. */
#ifndef SRC_LINK_JOURNAL_H
#define SRC_LINK_JOURNAL_H

#include <stddef.h>
#include <stdio.h>

#include "fetch.h"
#include "strmap.h"

typedef struct link_saved {
  char *url;
  fetch_result r; /* status, redirects, attempts, error, retry_after, seconds, final_url,
                   * message; the rest zero */
} link_saved;

typedef struct link_journal {
  link_saved *v;
  size_t n, cap;
  strmap index; /* url -> its position in v */
  int fd;       /* the file, open for appending; -1 when not open */
} link_journal;

/* Reads the journal lines of in into j (initialised here); a last line without its newline
 * is dropped. Returns 0, or STATUS_USAGE with "line N: why" in err. */
int link_journal_read(FILE *in, link_journal *j, char *err, size_t errlen);

/* Opens the journal at path (a new, empty one when it does not exist), as described above.
 * Returns 0, or STATUS_USAGE with the reason in err (unreadable, not a journal, unwritable). */
int link_journal_open(link_journal *j, const char *path, char *err, size_t errlen);

/* The saved result of url, or NULL when it was never checked. */
const fetch_result *link_journal_find(const link_journal *j, const char *url);

/* Records url's finished check: one line, one write(). Returns 0, or STATUS_SYSTEM with errno
 * set (EOVERFLOW: the record is too long to keep; the link is checked again next time). */
int link_journal_append(link_journal *j, const char *url, const fetch_result *r);

/* Closes the file and frees everything. */
void link_journal_close(link_journal *j);

#endif
