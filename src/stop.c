/* stop.c - the SIGINT / SIGTERM flag (stop.h). The handler only stores the signal number: a
 * sig_atomic_t written once and read by polling loops is the one thing a handler may safely
 * share with running threads. */
#define _POSIX_C_SOURCE 200809L
#include "stop.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t stop_seen;

static void on_stop_signal(int sig)
{
  if (stop_seen) {
    /* The second signal: the default action, now. */
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  stop_seen = sig;
}

void stop_install(void)
{
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  /* No SA_RESTART: a write blocked on a full pipe must fail with EINTR rather than wait on.
   * mpirun stops reading its ranks' output when it is signalled, and a rank stuck writing a
   * coin would never reach its results row. Callers retry EINTR where they must finish. */
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

int stop_signal(void)
{
  return stop_seen;
}

int stop_requested(void)
{
  return stop_seen != 0;
}

int stop_exit_status(void)
{
  return stop_seen ? 128 + stop_seen : 0;
}
