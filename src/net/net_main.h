/* net_main.h - the whole of the main of a program that makes requests (fetch, linkcheck):
 * libcurl's global state set up before any thread exists, around runtime_main. */
#ifndef SRC_NET_NET_MAIN_H
#define SRC_NET_NET_MAIN_H

#include "cli.h"
#include "runtime.h"

/* curl_global_init (not thread-safe: before MPI or OpenMP start a thread), runtime_main,
 * curl_global_cleanup. Returns the exit status. */
int net_main(int argc, char **argv, const cli_program *p, void *opts, runtime_run_fn *run);

#endif
