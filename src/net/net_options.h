/* net_options.h - the network options fetch and linkcheck share (backend, concurrency,
 * deadlines, retries, method, redirects, politeness, size cap), their output format option,
 * and the checks of what a concurrency needs from the system. */
#ifndef SRC_NET_NET_OPTIONS_H
#define SRC_NET_NET_OPTIONS_H

#include <stddef.h>

#include "cli.h"
#include "fetch.h"

enum { OUT_CSV, OUT_JSON };

/* The shared network options, their --help lines, and the function that takes them into a
 * fetch_config. */
extern const cli_option fetch_net_options[];
cli_take_fn fetch_net_take;

/* The table of the network options, for a program whose struct TYPE holds its fetch_config
 * as MEMBER. */
#define NET_OPTIONS_TABLE(type, member) \
  { fetch_net_options, fetch_net_take, offsetof(type, member) }

/* -o's sibling both programs take: --format csv|json. */
enum { FETCH_KEY_FORMAT = 3100 };
int fetch_take_format(int *format, const char *arg, char *err, size_t errlen);

/* After the options: the event loops (-t, default 1) and the progress line come from the
 * shared options. (Their threads wait on the network and are not placed on cores: these
 * programs' cli_program says unplaced.) */
void net_options_finish(fetch_config *c, const run_options *run);

/* Raises the soft limit on open files as far as c's concurrency needs (within the hard limit).
 * Returns 0, or STATUS_USAGE with a message in err when it cannot fit. */
int fetch_check_files(const fetch_config *c, char *err, size_t errlen);

/* The omp backend runs one thread per request in flight: refuses, with the reason in err, a
 * concurrency past what the system lets this process start. Returns 0 or STATUS_USAGE. */
int fetch_check_threads(const fetch_config *c, char *err, size_t errlen);

#endif
