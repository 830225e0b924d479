# jobs/lib.sh - what every batch script in jobs/ does after its #SBATCH lines: find the
# project, log the layout, launch the programs, append rows to one CSV. Sourced, not run.
#
# The scripts run from a copy in Slurm's spool, so the project is found through the
# directory sbatch was called from (SLURM_SUBMIT_DIR), or HPCKIT_ROOT when set.
# Settings (environment, passed through by sbatch):
#   HPCKIT_ROOT      the project (default: SLURM_SUBMIT_DIR)
#   HPCKIT_BUILD     the build folder (default: HPCKIT_ROOT/build)
#   HPCKIT_CSV       the results CSV every run appends to (default: results/slurm.csv)
#   HPCKIT_LAUNCHER  srun (default: srun --mpi=pmix) or mpirun (Open MPI inside the allocation)
#   HPCKIT_TAG       passed as --tag: the rows' params get tag=NAME (the sweeps set strong, weak)
#   POW_COINS        pow mines this many coins (default 16)
#   POW_ARGS         more options for pow (e.g. --zeros 6)
#   SIEVE_STOP       sieve counts the primes up to this (default: 1e10)
#   TRIAL_STOP       trial counts the primes below this (default: 2e7)
# Weak scaling holds the work per worker constant (run_family's WORKERS), not the problem's
# parameter times the workers (a range from 0 four times as long costs 6x, not 4x):
#   POW_CANDIDATES   pow tests this many candidates per worker (default 5e7: --candidates)
#   WEAK_BASE        sieve and trial work on [WEAK_BASE, WEAK_BASE + workers x span], where
#                    the cost of a number barely changes over the range (default: 1e12 for
#                    sieve, 1e10 for trial)
#   SIEVE_SPAN       numbers per worker for sieve (default 1e9)
#   TRIAL_SPAN       numbers per worker for trial (default 1e6)
#   FETCH_N          URLs per worker in the weak sweep, as in the strong one (below)
#   FETCH_URLS       a file of URLs for fetch; without it the job starts scripts/testsite on
#                    its first node and fetches FETCH_N (default 2000) URLs delayed 100 ms
#                    from 127.0.0.1 (so on one node only: give FETCH_URLS across nodes)
root=${HPCKIT_ROOT:-${SLURM_SUBMIT_DIR:-$PWD}}
build=${HPCKIT_BUILD:-$root/build}
csv=${HPCKIT_CSV:-$root/results/slurm.csv}
mkdir -p "$(dirname "$csv")"

# The layout, for the job's output file: Slurm's view, then each program's own -v map.
log_layout() {
  echo "== job ${SLURM_JOB_ID:-?} on ${SLURM_JOB_NODELIST:-$(hostname)}: ${SLURM_NNODES:-1} nodes," \
       "${SLURM_NTASKS:-1} tasks x ${SLURM_CPUS_PER_TASK:-1} cpus, OMP_NUM_THREADS=${OMP_NUM_THREADS:-}"
  scontrol show job "${SLURM_JOB_ID:-0}" 2>/dev/null || true
  env | grep -E '^(SLURM_(JOB_|NTASKS|CPUS|NNODES|ARRAY)|OMP_)' | sort || true
}

# launch R T PROGRAM ARGS...: R ranks of T threads each, inside the allocation.
launch() {
  local ranks=$1 threads=$2
  shift 2
  echo "== $ranks ranks x $threads threads: $*"
  if [ "${HPCKIT_LAUNCHER:-srun}" = mpirun ]; then
    OMP_NUM_THREADS=$threads mpirun -np "$ranks" --map-by "slot:PE=$threads" "$@" -v \
      ${HPCKIT_TAG:+--tag "$HPCKIT_TAG"}
  else
    # Since Slurm 22.05 srun does not inherit --cpus-per-task from the job: say it.
    OMP_NUM_THREADS=$threads srun --mpi=pmix -n "$ranks" -c "$threads" "$@" -v \
      ${HPCKIT_TAG:+--tag "$HPCKIT_TAG"}
  fi
}

times() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a * b }'; } # times A B: A x B

# run_family FAMILY RANKS THREADS [WORKERS]: one family's programs on that layout, rows to
# $csv. With WORKERS (weak scaling): the same work per worker for WORKERS workers.
run_family() {
  local family=$1 ranks=$2 threads=$3 workers=${4:-}
  local urls scale=${4:-1}
  case $family in
    pow)
      if [ -n "$workers" ]; then # the budget is per worker already
        # shellcheck disable=SC2086 # POW_ARGS is a list of options
        launch "$ranks" "$threads" "$build/pow" --candidates "${POW_CANDIDATES:-5e7}" \
          ${POW_ARGS:-} --csv "$csv"
      else
        # shellcheck disable=SC2086
        launch "$ranks" "$threads" "$build/pow" --coins "${POW_COINS:-16}" ${POW_ARGS:-} \
          --csv "$csv"
      fi ;;
    primes)
      if [ -n "$workers" ]; then
        local sb=${WEAK_BASE:-1e12} tb=${WEAK_BASE:-1e10}
        launch "$ranks" "$threads" "$build/sieve" "$sb" "$sb+$(times "${SIEVE_SPAN:-1e9}" "$workers")" \
          --csv "$csv"
        launch "$ranks" "$threads" "$build/trial" --count "$tb:$tb+$(times "${TRIAL_SPAN:-1e6}" "$workers")" \
          --csv "$csv"
      else
        launch "$ranks" "$threads" "$build/sieve" "${SIEVE_STOP:-1e10}" --csv "$csv"
        launch "$ranks" "$threads" "$build/trial" --count "0:${TRIAL_STOP:-2e7}" --csv "$csv"
      fi ;;
    fetch)
      urls=${FETCH_URLS:-}
      if [ -z "$urls" ]; then
        fetch_site=$(mktemp -d) # global: the EXIT trap runs after this function returned
        trap '"$root/scripts/testsite" stop "$fetch_site" >/dev/null 2>&1 || true
              rm -rf "$fetch_site"' EXIT
        "$root/scripts/testsite" start "$fetch_site" >/dev/null
        # shellcheck disable=SC1091 # written by testsite start
        . "$fetch_site/env"
        urls=$fetch_site/urls
        for _ in $(seq "$(times "${FETCH_N:-2000}" "$scale")"); do
          echo "$TESTSITE_HTTP/delay/0.1"
        done >"$urls"
      fi
      # Pure OpenMP: the thread-pool model (omp backend); with ranks: the event loop per rank.
      if [ "$ranks" -eq 1 ]; then
        launch 1 "$threads" "$build/fetch" -b omp -c "$((threads * 50))" -i "$urls" -o /dev/null \
          --csv "$csv"
      else
        launch "$ranks" "$threads" "$build/fetch" -b multi -t "$threads" -c 100 -i "$urls" \
          -o /dev/null --csv "$csv"
      fi ;;
    *) echo "run_family: unknown family $family" >&2; return 2 ;;
  esac
}
