/* status.h - the one error contract of the project, and the exit statuses, defined here alone.
 *
 * Every function that can fail returns 0 or one of the negative codes below, and reports what
 * went wrong where it went wrong (one line on stderr, or in the caller's err buffer); where a
 * system call failed, errno holds its cause. Only main turns a code into the process's exit
 * status (status_exit, through runtime_exit), the way curl turns a CURLcode into its exit code
 * in tool_main. */
#ifndef SRC_BASE_STATUS_H
#define SRC_BASE_STATUS_H

enum status_code {
  STATUS_OK = 0,
  STATUS_FAILED = -1, /* the run worked and found a failure: a bad coin, a broken link */
  STATUS_USAGE = -2,  /* a usage or input error, already reported in one line */
  STATUS_SYSTEM = -3, /* a system error: a file, memory, threads, a library call */
  STATUS_MPI = -4,    /* a collective step failed: the ranks can no longer agree */
  STATUS_DONE = -5,   /* nothing left to do: --help or --version was printed */
};

/* The exit statuses every program documents in its --help. */
enum exit_status {
  EXIT_OK = 0,
  EXIT_FOUND_FAILURE = 1, /* the run worked and found a failure */
  EXIT_USAGE = 2,         /* usage or input error */
  EXIT_SYSTEM = 3,        /* system error; also a job aborted because MPI failed */
  EXIT_SIGNAL_BASE = 128, /* + the signal: 130 for SIGINT, 143 for SIGTERM */
};

/* The exit status a code ends a process with: 0 and STATUS_DONE give 0, STATUS_FAILED 1,
 * STATUS_USAGE 2, STATUS_SYSTEM and STATUS_MPI 3 (an unknown code is a system error). */
int status_exit(int code);

/* A system call failed with error e: errno = e (kept for the message), STATUS_SYSTEM. */
int status_errno(int e);

/* Of two codes, the one a run reports: the more serious, STATUS_MPI first, then SYSTEM, USAGE,
 * FAILED; 0 only when both are 0. */
int status_worst(int a, int b);

#endif
