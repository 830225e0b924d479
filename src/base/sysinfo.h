/* sysinfo.h - the facts every results row carries: host name, CPU model, a UTC timestamp and
 * the tool's version (project version and git description, fixed at build time). */
#ifndef SRC_SYSINFO_H
#define SRC_SYSINFO_H

#include <stddef.h>

/* The version string, e.g. "0.1.0 (v0.1.0-3-gabcdef-dirty)". */
const char *sysinfo_version(void);

/* This host's name (cut to fit n bytes). */
void sysinfo_host(char *buf, size_t n);

/* The CPU model name from /proc/cpuinfo ("unknown" where there is none). */
void sysinfo_cpu_model(char *buf, size_t n);

/* The memory this process may use, in bytes: the machine's physical memory, or the address
 * space limit (ulimit -v) when that is lower. The programs size their largest allocations
 * from the command line against it before they start work. */
unsigned long long sysinfo_memory_bytes(void);

/* Now as ISO 8601 UTC, e.g. "2026-11-21T02:34:13Z". */
void sysinfo_timestamp(char *buf, size_t n);

#endif
