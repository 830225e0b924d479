/* fileio.h - the two ways the tools write files that a kill must not corrupt: a whole buffer
 * in one write() call loop (the results CSV's rows, linkcheck's journal lines), and a file
 * replaced whole through a temporary file, fsync and rename (the --resume states). */
#ifndef SRC_FILEIO_H
#define SRC_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* Writes p[0..n) to fd, going on after EINTR and short writes. Returns 0, or STATUS_SYSTEM
 * with errno set. */
int fileio_write_all(int fd, const void *p, size_t n);

/* Writes the new contents of a file into f; returns 0, or STATUS_SYSTEM with errno set. */
typedef int fileio_fill_fn(FILE *f, void *ctx);

/* Replaces the file at path: fill writes PATH.tmp, which is flushed, fsynced and renamed over
 * path, so that the name always points at the old contents or the whole new ones, even after
 * a crash. Returns 0, or STATUS_SYSTEM with errno set (PATH.tmp removed). */
int fileio_replace(const char *path, fileio_fill_fn *fill, void *ctx);

#endif
