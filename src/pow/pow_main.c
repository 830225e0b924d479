/* pow_main.c - the pow program: rank 0 parses and broadcasts the options; then --test,
 * --verify (rank 0 alone) or mining on every rank; rank 0 prints the coins, the summary and
 * the results row. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cpu_features.h"
#include "agree.h"
#include "collective.h"
#include "pow_check.h"
#include "pow_kernels.h"
#include "pow_mine.h"
#include "pow_options.h"
#include "pow_resume.h"
#include "pow_selftest.h"
#include "results.h"
#include "run_record.h"
#include "runtime.h"

typedef struct coin_printer {
  const pow_space *space;
  unsigned zeros;
  uint64_t want;      /* --coins; 0: no limit */
  pow_resume *state;  /* --resume: coins are kept here and printed after each save */
  const char *path;   /* the state file */
} coin_printer;

/* Spells the coin into s and re-checks it with OpenSSL. Returns 1 for a coin; 0 after
 * saying why not. */
static int spell_and_check(const coin_printer *p, const pow_coin *coin, char *s)
{
  pow_batch batch;
  char why[160];
  pow_space_chunk(p->space, coin->chunk, &batch);
  pow_batch_candidate(&batch, coin->lo, s);
  if (pow_check_coin(s, NULL, p->space->digits, p->zeros, why, sizeof why))
    return 1;
  fprintf(stderr, "pow: BAD COIN from the kernel: %s: %s\n", s, why);
  return 0;
}

static void print_line(const char *s)
{
  char hex[33];
  /* Once a signal has broken a write to stdout (mpirun stops reading its ranks' output when
   * it is signalled), stdout is given up: the results row and the --resume state matter. */
  if (ferror(stdout))
    return;
  pow_check_md5hex(s, strlen(s), hex);
  printf("%s %s\n", s, hex);
}

/* Rank 0's sink without --resume: checks the coin and prints it at once. */
static int print_coin(const pow_coin *coin, void *ctx)
{
  char s[MD5_ONE_BLOCK_MAX + 1];
  if (!spell_and_check(ctx, coin, s))
    return POW_SINK_BAD;
  print_line(s);
  return POW_SINK_OK;
}

/* Rank 0's sink with --resume: checks the coin and keeps it for the next save, unless the
 * file already had it (a chunk searched again after a kill). */
static int keep_coin(const pow_coin *coin, void *ctx)
{
  coin_printer *p = ctx;
  char s[MD5_ONE_BLOCK_MAX + 1];
  if (pow_resume_known(p->state, coin->chunk, coin->lo))
    return POW_SINK_KNOWN;
  if (!spell_and_check(p, coin, s))
    return POW_SINK_BAD;
  if (pow_resume_add(p->state, coin->chunk, coin->lo, s) != 0) {
    fprintf(stderr, "pow: out of memory keeping coins\n");
    return POW_SINK_BAD;
  }
  return POW_SINK_OK;
}

/* The checkpoint with --resume: saves the state, then prints the coins not yet shown (up to
 * --coins). Saving first means no coin is ever printed twice; a kill between the two
 * leaves at most the coins of the last half second in FILE but not on stdout. */
static int save_and_show(uint64_t watermark, void *ctx)
{
  coin_printer *p = ctx;
  pow_resume *st = p->state;
  uint64_t from = st->shown, upto = p->want && st->n > p->want ? p->want : st->n;
  if (upto < from)
    upto = from;
  st->watermark = watermark;
  st->shown = upto;
  int rc = pow_resume_save(st, p->path);
  if (rc != 0) {
    st->shown = from;
    fprintf(stderr, "pow: cannot save the state to %s: %s\n", p->path, strerror(errno));
    return rc;
  }
  for (uint64_t i = from; i < upto; i++)
    print_line(st->coins[i].text);
  fflush(stdout);
  return 0;
}

/* --resume on rank 0: reads FILE (a new search when it does not exist) and checks that it
 * holds this search and only real coins. Returns 0, or STATUS_USAGE after a message. */
static int resume_read(pow_options *o, pow_resume *st)
{
  char err[200];
  int found = pow_resume_load(o->resume, st, err, sizeof err);
  if (found < 0) {
    fprintf(stderr, "pow: --resume %s: %s\n", o->resume, err);
    return STATUS_USAGE;
  }
  if (found == 0) {
    st->digits = o->digits;
    st->zeros = o->zeros;
    st->seed = o->seed;
    return 0;
  }
  if (st->digits != o->digits || st->zeros != o->zeros || (o->seed_given && st->seed != o->seed)) {
    fprintf(stderr, "pow: --resume %s holds the search --digits %u --zeros %u --seed %" PRIu64
            "; ask for that one or name another file\n", o->resume, st->digits, st->zeros,
            st->seed);
    return STATUS_USAGE;
  }
  for (size_t i = 0; i < st->n; i++) {
    char why[160];
    if (!pow_check_coin(st->coins[i].text, NULL, st->digits, st->zeros, why, sizeof why)) {
      fprintf(stderr, "pow: --resume %s: coin %zu is not a coin: %s\n", o->resume, i + 1, why);
      return STATUS_USAGE;
    }
  }
  o->seed = st->seed;
  return 0;
}

/* Collective: --resume's state read on rank 0; every rank learns the seed, the watermark and
 * the coins already found. Returns 0, STATUS_USAGE or STATUS_MPI. */
static int resume_begin(const runtime *rt, pow_options *o, pow_resume *st, pow_mine_config *cfg)
{
  int rc = 0;
  uint64_t shared[3] = { 0, 0, 0 };
  if (rt->rank == 0) {
    rc = resume_read(o, st);
    shared[0] = o->seed;
    shared[1] = st->watermark;
    shared[2] = st->n;
  }
  rc = agree(rt, rc);
  if (rc == 0)
    rc = runtime_bcast(rt, shared, sizeof shared);
  if (rc != 0)
    return rc;
  o->seed = shared[0];
  cfg->first_chunk = shared[1];
  cfg->coins_before = shared[2];
  cfg->checkpoint = save_and_show;
  if (rt->rank == 0 && o->run.verbose)
    fprintf(stderr, "pow: --resume %s: %" PRIu64 " coins found before, chunks below %" PRIu64
            " searched\n", o->resume, shared[2], shared[1]);
  return 0;
}

/* The kernel o asks for, on this rank's CPU; NULL with a one-line reason in err when it
 * cannot run here. */
static const pow_kernel *choose_kernel(const pow_options *o, unsigned *features, char *err,
                                       size_t errlen)
{
  if (cpu_features(features, err, errlen) != 0)
    return NULL;
  if (strcmp(o->kernel, "auto") == 0)
    return pow_kernel_auto(*features);
  const pow_kernel *k = pow_kernel_find(o->kernel);
  if (!pow_kernel_runs_on(k, *features)) {
    char have[64], need[64];
    cpu_features_name(*features, have, sizeof have);
    cpu_features_name(k->needs, need, sizeof need);
    snprintf(err, errlen, "--kernel %s needs %s, which this CPU lacks (it has: %s)", k->name,
             need, have);
    return NULL;
  }
  return k;
}

/* This CPU's features for rank 0's own use; 0, or STATUS_USAGE after saying why. */
static int rank0_features(unsigned *features)
{
  char err[160];
  if (cpu_features(features, err, sizeof err) == 0)
    return 0;
  fprintf(stderr, "pow: %s\n", err);
  return STATUS_USAGE;
}

/* pow --kernel list: every kernel built in, whether this CPU runs it, and auto's choice. */
static int list_kernels(void)
{
  unsigned features;
  char have[64];
  if (rank0_features(&features) != 0)
    return STATUS_USAGE;
  cpu_features_name(features, have, sizeof have);
  size_t n;
  const pow_kernel *k = pow_kernels(&n), *best = pow_kernel_auto(features);
  printf("%-10s %5s  %-8s %s\n", "kernel", "lanes", "runs", "needs");
  for (size_t i = 0; i < n; i++) {
    char need[64];
    cpu_features_name(k[i].needs, need, sizeof need);
    printf("%-10s %5u  %-8s %s%s\n", k[i].name, k[i].lanes,
           pow_kernel_runs_on(&k[i], features) ? "yes" : "no", need,
           &k[i] == best ? "  (auto)" : "");
  }
  printf("cpu features: %s\n", have);
  return 0;
}

/* pow --test, with every kernel this CPU runs. */
static int self_test(void)
{
  unsigned features;
  if (rank0_features(&features) != 0)
    return STATUS_USAGE;
  return pow_selftest(stdout, features);
}

/* Mines on every rank. Returns 0 or a status code; STATUS_MPI when a collective step failed
 * and the ranks can no longer agree (main then aborts the job rather than hang). */
static int mine(runtime *rt, run_record *rec, pow_options *o, pow_resume *state)
{
  pow_mine_config cfg;
  pow_mine_stats st;
  int rc = 0;
  memset(&cfg, 0, sizeof cfg);
  if (o->resume[0]) {
    rc = resume_begin(rt, o, state, &cfg);
    if (rc != 0)
      return rc;
  }
  pow_space_init(&cfg.space, o->digits, o->seed);
  pow_target_init(&cfg.target, o->zeros);
  cfg.coins = o->coins;
  cfg.seconds = o->seconds;
  cfg.progress = o->run.progress;
  if (o->candidates) { /* per worker, in whole chunks per rank */
    uint64_t chunk = 1;
    unsigned __int128 want = (unsigned __int128)o->candidates * rt->plan.nthreads;
    for (unsigned i = 0; i < cfg.space.chunk_digits; i++)
      chunk *= 10;
    want = want / chunk + (want % chunk != 0);
    cfg.chunks_per_rank = want > UINT64_MAX ? UINT64_MAX : (uint64_t)want;
  }

  /* Every rank picks for its own CPU; all of them must have a kernel before any mines. */
  unsigned features = 0;
  char err[200];
  const pow_kernel *chosen = choose_kernel(o, &features, err, sizeof err);
  if (!chosen)
    fprintf(stderr, "pow: rank %d: %s\n", rt->rank, err);
  rc = agree(rt, chosen ? 0 : STATUS_USAGE);
  if (rc != 0)
    return rc;
  cfg.scan = chosen->scan;
  cfg.slice = pow_mine_slice(&cfg.space, chosen->tile_lanes);
  /* Ranks on different CPUs may choose differently; the results row must then say so. */
  size_t nkernels;
  int index = (int)(chosen - pow_kernels(&nkernels)), lowest = index, highest = index;
  rc = collective_allreduce(rt, &index, &lowest, 1, MPI_INT, MPI_MIN);
  if (rc == 0)
    rc = collective_allreduce(rt, &index, &highest, 1, MPI_INT, MPI_MAX);
  if (rc != 0)
    return rc;
  const char *kernel = lowest == highest ? chosen->name : "mixed";
  if (rt->rank == 0 && o->run.verbose) {
    char have[64];
    cpu_features_name(features, have, sizeof have);
    fprintf(stderr, "pow: kernel %s (asked: %s; rank 0 cpu features: %s)\n", kernel, o->kernel,
            have);
  }

  if (rt->rank == 0 && o->run.verbose)
    fprintf(stderr,
            "pow: seed %" PRIu64 ", %u digits, %u zeros, kernel %s, %d ranks x %u threads, "
            "%" PRIu64 " chunks of 10^%u candidates\n",
            o->seed, o->digits, o->zeros, kernel, rt->size, rt->plan.nthreads,
            cfg.space.nchunks, cfg.space.chunk_digits);

  coin_printer printer = { &cfg.space, o->zeros, o->coins, state, o->resume };
  rc = pow_mine(&cfg, rt, o->resume[0] ? keep_coin : print_coin, &printer, &st);
  if (rc != 0)
    return rc;

  uint64_t candidates = 0;
  clock_usage total = { 0, 0, 0 };
  rc = collective_reduce(rt, &st.candidates, &candidates, 1, MPI_UINT64_T, MPI_SUM);
  if (rc == 0)
    rc = run_record_sum_usage(rec, rt, &total);
  if (rc != 0)
    return rc;
  if (rt->rank != 0)
    return 0;

  if (o->resume[0]) /* the coins printed, which may stop short of those kept */
    st.coins = state->shown;
  double rate = st.seconds > 0 ? (double)candidates / st.seconds : 0;
  fprintf(stderr,
          "pow: %" PRIu64 " coins, %" PRIu64 " candidates in %.3f s: %.2f M candidates/s "
          "(%d ranks x %u threads, %s kernel, %.2f M/s per thread)\n",
          st.coins, candidates, st.seconds, rate / 1e6, rt->size, rt->plan.nthreads, kernel,
          rate / 1e6 / (rt->size * (double)rt->plan.nthreads));
  if (o->run.verbose)
    fprintf(stderr, "pow: every rank stopped %.1f ms after rank 0 decided to stop\n",
            st.stop_seconds * 1e3);
  /* A signal on any rank: runtime_exit makes the exit status 128 + that signal. */
  if (st.signal) {
    fprintf(stderr, "pow: stopped by %s: the coins so far are printed%s\n",
            st.signal == SIGINT ? "SIGINT" : "SIGTERM",
            o->resume[0] ? " and saved; run again with the same --resume to continue" : "");
  } else if (st.bad) {
    fprintf(stderr, "pow: %" PRIu64 " coins failed the OpenSSL check\n", st.bad);
    rc = STATUS_FAILED;
  } else if (st.exhausted && o->coins && st.coins < o->coins) {
    fprintf(stderr, "pow: searched every candidate of %u digits: found %" PRIu64 " of %" PRIu64
            " coins\n", o->digits, st.coins, o->coins);
    rc = STATUS_FAILED;
  }

  if (o->run.csv[0]) {
    char params[256], result[64];
    char budget[48] = "";
    if (o->candidates)
      snprintf(budget, sizeof budget, " candidates_per_worker=%" PRIu64, o->candidates);
    snprintf(params, sizeof params, "digits=%u zeros=%u coins=%" PRIu64 " seconds=%g seed=%" PRIu64
             "%s%s", o->digits, o->zeros, o->coins, o->seconds, o->seed,
             cfg.coins_before ? " resumed=1" : "", budget);
    snprintf(result, sizeof result, "coins=%" PRIu64 " bad=%" PRIu64, st.coins, st.bad);
    results_row row = {
      .tool = "pow", .variant = kernel, .ranks = rt->size, .threads = (int)rt->plan.nthreads,
      .params = params, .items = candidates, .seconds = st.seconds, .unit = "candidates",
      .result = result, .cpu_user_s = total.user_s, .cpu_sys_s = total.sys_s,
      .max_rss_kb = total.max_rss_kb,
    };
    rc = status_worst(rc, run_record_write_row(rec, rt, "pow", o->run.csv, &row));
  }
  return rc;
}

/* After the options: the rank-0 modes, or mining on every rank. */
static int run_pow(runtime *rt, run_record *rec, void *opts, int argc, char **argv)
{
  pow_options *o = opts;
  (void)argc;
  (void)argv;
  if (o->mode == POW_LIST)
    return rt->rank == 0 ? list_kernels() : 0;
  if (o->mode == POW_TEST)
    return rt->rank == 0 ? self_test() : 0;
  if (o->mode == POW_VERIFY)
    return rt->rank == 0 ? pow_check_stream(stdin, stdout, stderr, o->digits, o->zeros) : 0;
  int rc = runtime_place_all(rt, &o->run);
  if (rc != 0)
    return rc;
  pow_resume state;
  memset(&state, 0, sizeof state);
  rc = mine(rt, rec, o, &state);
  pow_resume_free(&state);
  return rc;
}

int main(int argc, char **argv)
{
  pow_options o;
  return runtime_main(argc, argv, &pow_program, &o, run_pow);
}
