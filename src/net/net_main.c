/* net_main.c - libcurl's global set-up around runtime_main (net_main.h). */
#include "net_main.h"

#include <curl/curl.h>
#include <stdio.h>

#include "status.h"

int net_main(int argc, char **argv, const cli_program *p, void *opts, runtime_run_fn *run)
{
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, "%s: curl_global_init failed\n", p->name);
    return status_exit(STATUS_SYSTEM);
  }
  int status = runtime_main(argc, argv, p, opts, run);
  curl_global_cleanup();
  return status;
}
