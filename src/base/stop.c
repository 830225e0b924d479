/* stop.c - the SIGINT / SIGTERM flag (stop.h). The handler only stores the signal number in a
 * lock-free atomic int: C11 lets a handler touch lock-free atomics, and unlike a volatile
 * sig_atomic_t they are also defined when other threads read them while it writes. */
#define _POSIX_C_SOURCE 200809L
#include "stop.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "status.h"

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the stop flag must be lock-free for a handler");

static atomic_int stop_seen;

static void on_stop_signal(int sig)
{
  if (atomic_load(&stop_seen)) {
    /* The second signal: the default action, now. */
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  atomic_store(&stop_seen, sig);
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
  return atomic_load_explicit(&stop_seen, memory_order_relaxed);
}

int stop_requested(void)
{
  return stop_signal() != 0;
}

int stop_exit_status(void)
{
  int sig = stop_signal();
  return sig ? EXIT_SIGNAL_BASE + sig : 0;
}
