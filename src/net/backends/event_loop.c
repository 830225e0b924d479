/* event_loop.c - the event-loop backend: each of `loops` threads drives one curl multi handle,
 * keeping its share of `concurrency` transfers in flight and pulling the next URL from the
 * job as each slot frees. Waiting costs no thread: a slot that waits for its host, its turn
 * in an open loop, or between retries, is a deadline in the loop. Two ways to drive it, by
 * measurement: a closed loop of up to POLL_MAX_SLOTS transfers calls curl_multi_perform and
 * curl_multi_poll, as a bare libcurl loop does (on 10,000 immediate answers it cost 0.14 s
 * where curl_multi_socket_action over epoll cost 0.20 s, the same in a 100-line program as
 * here); more transfers, whose every curl_multi_perform would walk every handle, and open
 * loops, which must start each request to the microsecond (epoll_pwait2; curl_multi_poll
 * counts milliseconds), go through curl_multi_socket_action and epoll. */
#define _GNU_SOURCE /* epoll_pwait2 */
#include <errno.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fetch_job.h"
#include "fetch_transfer.h"
#include "stop.h"

#define MAX_EVENTS 256
#define MAX_SLEEP_S 0.5    /* wake at least this often, whatever curl's timer says */
#define HOST_RECHECK_S 0.005 /* a host full of another loop's transfers: ask again soon */
#define POLL_MAX_SLOTS 1024  /* a closed loop of at most this many per loop polls */

enum slot_state { SLOT_FREE, SLOT_WAITING, SLOT_RUNNING };

typedef struct slot {
  fetch_attempt a; /* first: CURLOPT_PRIVATE points at it, and so at the slot */
  fetch_result r;
  transfer_handle h;
  size_t index;
  int state, holds_host;
  double wake; /* SLOT_WAITING: not before this clock_now() */
} slot;

typedef struct event_loop {
  fetch_job *j;
  CURLM *m;
  int ep;
  double timer_at; /* curl's next timeout, clock_now() seconds; < 0 for none */
  slot *slots;
  size_t nslots, *free_list, nfree, waiting, running;
  int exhausted;   /* no URL left to pull */
  int by_poll;     /* curl_multi_perform and curl_multi_poll; else socket actions on ep */
} event_loop;

/* curl asks to watch socket s for `what`, or to forget it. */
static int on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *socketp)
{
  event_loop *l = userp;
  (void)e;
  (void)socketp;
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(l->ep, EPOLL_CTL_DEL, s, NULL); /* may already be gone with the socket */
    return 0;
  }
  struct epoll_event ev;
  memset(&ev, 0, sizeof ev);
  ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
  ev.data.fd = s;
  if (epoll_ctl(l->ep, EPOLL_CTL_MOD, s, &ev) != 0 &&
      (errno != ENOENT || epoll_ctl(l->ep, EPOLL_CTL_ADD, s, &ev) != 0))
    return -1;
  return 0;
}

static int on_timer(CURLM *m, long ms, void *userp)
{
  event_loop *l = userp;
  (void)m;
  l->timer_at = ms < 0 ? -1.0 : clock_now() + (double)ms / 1000.0;
  return 0;
}

/* A free slot takes the next URL. Returns 0, or -1 when none is left. */
static int pull(event_loop *l)
{
  if (stop_requested()) { /* a SIGINT / SIGTERM: no new request starts */
    l->exhausted = 1;
    return -1;
  }
  size_t i = atomic_fetch_add(&l->j->next, 1);
  if (i >= l->j->n) {
    l->exhausted = 1;
    return -1;
  }
  slot *s = &l->slots[l->free_list[--l->nfree]];
  s->index = i;
  s->state = SLOT_WAITING;
  s->holds_host = 0;
  memset(&s->r, 0, sizeof s->r);
  transfer_begin(&s->a, l->j->cfg, l->j->urls[i]);
  s->a.due = fetch_job_due(l->j, i); /* open loop: the slot waits for its time */
  s->wake = s->a.due;
  l->waiting++;
  return 0;
}

/* Gives back the slot's host and transfer, and the slot to the free list; s->index and s->r
 * stay readable until the next pull. */
static void release_slot(event_loop *l, slot *s)
{
  if (s->holds_host)
    fetch_hosts_release(&l->j->hosts, s->index);
  transfer_end(&s->a);
  s->state = SLOT_FREE;
  l->free_list[l->nfree++] = (size_t)(s - l->slots);
}

static void finish_slot(event_loop *l, slot *s)
{
  release_slot(l, s);
  fetch_job_deliver(l->j, s->index, &s->r);
}

/* Starts waiting slots whose time has come and whose host has room; lowers *wake to the
 * earliest time another one may. */
static void start_ready(event_loop *l, double *wake)
{
  double now = clock_now();
  for (size_t k = 0; k < l->nslots && l->waiting > 0; k++) {
    slot *s = &l->slots[k];
    if (s->state != SLOT_WAITING)
      continue;
    if (now < s->wake) {
      *wake = s->wake < *wake ? s->wake : *wake;
      continue;
    }
    double host_wait = 0;
    if (!s->holds_host) {
      if (fetch_hosts_try(&l->j->hosts, s->index, &host_wait) != 0) {
        double t = now + (host_wait > 0 ? host_wait : HOST_RECHECK_S);
        *wake = t < *wake ? t : *wake;
        continue;
      }
      s->holds_host = 1;
    }
    l->waiting--;
    int set = transfer_setup(&s->h, &s->a, l->j->share, l->j->headers);
    if (set != 0 || curl_multi_add_handle(l->m, s->h.e) != CURLM_OK) {
      s->a.not_run = 1;
      transfer_finish(s->h.e, set == 1 ? CURLE_URL_MALFORMAT : CURLE_FAILED_INIT, &s->a, &s->r);
      finish_slot(l, s);
      continue;
    }
    s->state = SLOT_RUNNING;
    l->running++;
  }
}

/* Takes curl's finished transfers: a retry waits in its slot, a final result leaves. Returns
 * how many finished. */
static size_t reap(event_loop *l)
{
  CURLMsg *msg;
  int left;
  size_t finished = 0;
  for (;;) {
    msg = curl_multi_info_read(l->m, &left);
    if (!msg)
      break;
    if (msg->msg != CURLMSG_DONE)
      continue;
    CURL *e = msg->easy_handle;
    CURLcode rc = msg->data.result;
    finished++;
    slot *s = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&s);
    curl_multi_remove_handle(l->m, e);
    l->running--;
    double wait = transfer_finish(e, rc, &s->a, &s->r);
    if (wait >= 0) {
      s->state = SLOT_WAITING;
      s->wake = clock_now() + wait;
      l->waiting++;
    } else {
      finish_slot(l, s);
    }
  }
  return finished;
}

/* After a SIGINT / SIGTERM: every transfer in flight or waiting to retry is dropped, not
 * delivered (it did not finish). */
static void drop_all(event_loop *l)
{
  for (size_t k = 0; k < l->nslots; k++) {
    slot *s = &l->slots[k];
    if (s->state == SLOT_FREE)
      continue;
    if (s->state == SLOT_RUNNING) {
      curl_multi_remove_handle(l->m, s->h.e);
      l->running--;
    } else {
      l->waiting--;
    }
    release_slot(l, s);
    fetch_result_free(&s->r);
  }
}

/* Waits up to sleep_s for events. epoll_pwait2 (Linux 5.11) sleeps to the microsecond, so an
 * open loop starts each request on time; where it is missing or refused (older kernels answer
 * ENOSYS, some container sandboxes EPERM), epoll_wait's milliseconds, rounded up (a start up
 * to 1 ms late, never early). */
static int wait_events(int ep, struct epoll_event *events, double sleep_s)
{
  static _Atomic int no_pwait2;
  if (sleep_s < 0)
    sleep_s = 0;
  if (!no_pwait2) {
    struct timespec ts = { (time_t)sleep_s, (long)((sleep_s - (double)(time_t)sleep_s) * 1e9) };
    int n = epoll_pwait2(ep, events, MAX_EVENTS, &ts, NULL);
    if (n >= 0 || errno == EINTR)
      return n;
    no_pwait2 = 1;
  }
  return epoll_wait(ep, events, MAX_EVENTS, (int)(sleep_s * 1000.0 + 0.999));
}

/* One turn of curl_multi_perform, then a wait in curl_multi_poll until a socket is ready,
 * curl's timer or `wake`, unless transfers just finished: their slots are refilled first.
 * Returns 0 or STATUS_SYSTEM after a message. */
static int drive_by_poll(event_loop *l, double wake)
{
  int still = 0;
  if (curl_multi_perform(l->m, &still) != CURLM_OK) {
    fprintf(stderr, "curl_multi_perform failed\n");
    return STATUS_SYSTEM;
  }
  if (reap(l) > 0)
    return 0;
  double ms = (wake - clock_now()) * 1000.0;
  if (curl_multi_poll(l->m, NULL, 0, ms <= 0 ? 0 : (int)(ms + 0.999), NULL) != CURLM_OK) {
    fprintf(stderr, "curl_multi_poll failed\n");
    return STATUS_SYSTEM;
  }
  return 0;
}

/* The socket actions: transfers just added (curl's timer at 0) are sent at once, else a wait
 * on epoll until a socket is ready, curl's timer or `wake`, and the actions it calls for.
 * Returns 0 or STATUS_SYSTEM after a message. */
static int drive_by_epoll(event_loop *l, double wake)
{
  struct epoll_event events[MAX_EVENTS];
  int still = 0;
  if (l->timer_at >= 0 && clock_now() >= l->timer_at) {
    l->timer_at = -1; /* curl sets the next one from inside the call */
    curl_multi_socket_action(l->m, CURL_SOCKET_TIMEOUT, 0, &still);
    reap(l);
    return 0;
  }
  if (l->timer_at >= 0 && l->timer_at < wake)
    wake = l->timer_at;
  int n = wait_events(l->ep, events, wake - clock_now());
  if (n < 0 && errno != EINTR) {
    perror("epoll_wait");
    return STATUS_SYSTEM;
  }
  for (int k = 0; k < n; k++) {
    int mask = (events[k].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
               (events[k].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
               (events[k].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
    curl_multi_socket_action(l->m, events[k].data.fd, mask, &still);
  }
  if (l->timer_at >= 0 && clock_now() >= l->timer_at) {
    l->timer_at = -1;
    curl_multi_socket_action(l->m, CURL_SOCKET_TIMEOUT, 0, &still);
  }
  reap(l);
  return 0;
}

static int run_loop(event_loop *l)
{
  for (;;) {
    if (stop_requested()) {
      drop_all(l);
      return 0;
    }
    while (l->nfree > 0 && !l->exhausted && pull(l) == 0)
      ;
    double wake = clock_now() + MAX_SLEEP_S;
    start_ready(l, &wake);
    if (l->running == 0 && l->waiting == 0) {
      if (l->exhausted)
        return 0;
      continue; /* every slot finished at once (malformed URLs): pull more, don't sleep */
    }
    int rc = l->by_poll ? drive_by_poll(l, wake) : drive_by_epoll(l, wake);
    if (rc != 0)
      return rc;
  }
}

/* One loop thread with nslots transfers in flight. */
static int loop_thread(fetch_job *j, size_t nslots)
{
  event_loop l;
  int rc = STATUS_SYSTEM;
  memset(&l, 0, sizeof l);
  l.j = j;
  l.timer_at = -1;
  l.nslots = nslots;
  l.by_poll = j->cfg->rate <= 0 && nslots <= POLL_MAX_SLOTS;
  l.ep = l.by_poll ? -1 : epoll_create1(EPOLL_CLOEXEC);
  l.m = curl_multi_init();
  l.slots = calloc(nslots, sizeof *l.slots);
  l.free_list = calloc(nslots, sizeof *l.free_list);
  if ((!l.by_poll && l.ep < 0) || !l.m || !l.slots || !l.free_list) {
    fprintf(stderr, "cannot set up an event loop (epoll, curl_multi_init or memory)\n");
    goto out;
  }
  if (!l.by_poll &&
      (curl_multi_setopt(l.m, CURLMOPT_SOCKETFUNCTION, on_socket) != CURLM_OK ||
       curl_multi_setopt(l.m, CURLMOPT_SOCKETDATA, &l) != CURLM_OK ||
       curl_multi_setopt(l.m, CURLMOPT_TIMERFUNCTION, on_timer) != CURLM_OK ||
       curl_multi_setopt(l.m, CURLMOPT_TIMERDATA, &l) != CURLM_OK)) {
    fprintf(stderr, "curl_multi_setopt failed\n");
    goto out;
  }
  for (size_t k = 0; k < nslots; k++) {
    l.slots[k].h.e = curl_easy_init();
    if (!l.slots[k].h.e) {
      fprintf(stderr, "curl_easy_init failed\n");
      goto out;
    }
    l.free_list[l.nfree++] = nslots - 1 - k; /* slot 0 first */
  }
  rc = run_loop(&l);
out:
  for (size_t k = 0; l.slots && k < nslots; k++) {
    if (l.slots[k].state == SLOT_RUNNING)
      curl_multi_remove_handle(l.m, l.slots[k].h.e);
    transfer_end(&l.slots[k].a);
    fetch_result_free(&l.slots[k].r);
    if (l.slots[k].h.e)
      curl_easy_cleanup(l.slots[k].h.e);
  }
  if (l.m)
    curl_multi_cleanup(l.m);
  if (l.ep >= 0)
    close(l.ep);
  free(l.slots);
  free(l.free_list);
  return rc;
}

static unsigned concurrency(const fetch_config *c)
{
  return c->concurrency;
}

static unsigned loops(const fetch_config *c)
{
  return c->loops ? c->loops : 1;
}

/* -t event loops, each with its share of the requests in flight. */
static int run_event_loops(fetch_job *j)
{
  size_t threads = loops(j->cfg);
  size_t c = j->cfg->concurrency < j->n ? j->cfg->concurrency : j->n;
  if (threads > c)
    threads = c;
  if (threads == 1)
    return loop_thread(j, c);
  int failed = 0;
  omp_set_dynamic(0);
#pragma omp parallel num_threads((int)threads) reduction(| : failed)
  {
    size_t t = (size_t)omp_get_thread_num();
    size_t share = c / threads + (t < c % threads);
    failed |= loop_thread(j, share) != 0;
  }
  return failed ? STATUS_SYSTEM : 0;
}

const fetch_backend_ops fetch_backend_multi = { concurrency, loops, run_event_loops };
