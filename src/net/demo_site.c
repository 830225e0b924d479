/* demo_site.c - runs scripts/testsite (found in the source tree this build came from, or at
 * $HPCKIT_TESTSITE) with posix_spawn and reads the addresses it writes to DIR/env. */
#define _POSIX_C_SOURCE 200809L
#include "demo_site.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "status.h"

extern char **environ;

static const char *script_path(void)
{
  const char *env = getenv("HPCKIT_TESTSITE");
  return env && *env ? env : HPCKIT_SOURCE_DIR "/scripts/testsite";
}

/* Runs argv with stdout discarded; returns its exit status, or -1. */
static int run_quietly(char *const argv[])
{
  posix_spawn_file_actions_t fa;
  pid_t pid;
  int status = -1;
  if (posix_spawn_file_actions_init(&fa) != 0)
    return -1;
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0 &&
      waitpid(pid, &status, 0) == pid)
    status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  else
    status = -1;
  posix_spawn_file_actions_destroy(&fa);
  return status;
}

/* The value of NAME=... in the env file, into out. Returns 0 or -1. */
static int env_value(FILE *f, const char *name, char *out, size_t n)
{
  char line[512];
  size_t k = strlen(name);
  rewind(f);
  while (fgets(line, sizeof line, f)) {
    if (strncmp(line, name, k) == 0 && line[k] == '=') {
      line[strcspn(line, "\r\n")] = '\0';
      snprintf(out, n, "%s", line + k + 1);
      return 0;
    }
  }
  return -1;
}

int demo_site_start(demo_site *s, unsigned pages, char *err, size_t errlen)
{
  char count[32], path[300];
  const char *script = script_path();
  memset(s, 0, sizeof *s);
  if (access(script, X_OK) != 0) {
    snprintf(err, errlen, "the test site script %s is missing (set HPCKIT_TESTSITE)", script);
    return STATUS_USAGE;
  }
  snprintf(s->dir, sizeof s->dir, "%s", "/tmp/hpckit-site-XXXXXX");
  if (!mkdtemp(s->dir)) {
    snprintf(err, errlen, "cannot make a directory for the test site in /tmp");
    s->dir[0] = '\0';
    return STATUS_USAGE;
  }
  snprintf(count, sizeof count, "%u", pages);
  char *argv[] = { (char *)script, "start", s->dir, count, NULL };
  if (run_quietly(argv) != 0) {
    snprintf(err, errlen, "the local test site did not start (scripts/testsite; run "
             "scripts/bootstrap for nginx)");
    demo_site_stop(s);
    return STATUS_USAGE;
  }
  snprintf(path, sizeof path, "%s/env", s->dir);
  FILE *f = fopen(path, "r");
  int ok = f && env_value(f, "TESTSITE_HTTP", s->http, sizeof s->http) == 0 &&
           env_value(f, "TESTSITE_OTHER", s->other, sizeof s->other) == 0;
  if (f)
    fclose(f);
  if (!ok) {
    snprintf(err, errlen, "the test site wrote no addresses to %s", path);
    demo_site_stop(s);
    return STATUS_USAGE;
  }
  return 0;
}

void demo_site_stop(demo_site *s)
{
  if (!s->dir[0])
    return;
  char *stop[] = { (char *)script_path(), "stop", s->dir, NULL };
  char *rm[] = { "rm", "-rf", s->dir, NULL };
  run_quietly(stop);
  run_quietly(rm);
  s->dir[0] = '\0';
}
