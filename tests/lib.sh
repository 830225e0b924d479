# lib.sh - what the shell tests share: counting checks, running pow under mpirun, and
# checking coins with the openssl command line (an MD5 independent of ours).
set -u
checks=0
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_inside WRAPPER [ARGS...]: runs this test script again under WRAPPER (scripts/netns,
# scripts/multinode) unless it already runs there. exec skips the EXIT trap, so the first
# process's temp dir is removed here.
run_inside() {
  [ -n "${HPCKIT_INSIDE:-}" ] && return 0
  local wrapper=$1
  shift
  rm -rf "$tmp"
  HPCKIT_INSIDE=1 exec "$wrapper" bash "$0" "$@"
}

# quick: true in the sanitizer and race-checking builds (HPCKIT_QUICK; 5-20x slower), where
# tests keep their code paths but drop the inputs that cost minutes there: ranges near 2^64
# (sieving primes up to 2^32), the single-threaded self-tests.
quick() { [ -n "${HPCKIT_QUICK:-}" ]; }

# with_testsite PAGES: runs the rest of the test inside scripts/netns with the local test site
# started (PAGES wiki pages) and its TESTSITE_* variables set; stops it on exit.
with_testsite() {
  local root
  root=$(cd "$(dirname "$0")/.." && pwd)
  run_inside "$root/scripts/netns"
  "$root/scripts/testsite" start "$tmp/site" "$1" >/dev/null || exit 1
  trap '"'"$root"'/scripts/testsite" stop "$tmp/site"; rm -rf "$tmp"' EXIT
  . "$tmp/site/env"
}

# stop_after SECONDS SIGNAL COMMAND...: runs COMMAND (stdout $tmp/out, stderr $tmp/err), sends
# SIGNAL after SECONDS; sets rc and took (ms from the signal to the exit). COMMAND must be a
# program, not a shell function: the signal goes to the background job's process.
stop_after() {
  local after=$1 sig=$2 pid t0
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  sleep "$after"
  t0=$(date +%s%N)
  kill -"$sig" "$pid"
  wait "$pid"
  rc=$?
  took=$((($(date +%s%N) - t0) / 1000000))
}

# last_field CSV: the last row's last column (partial).
last_field() { tail -1 "$1" | awk -F, '{ print $NF }'; }

check() { # check DESCRIPTION COMMAND...: counts a check, reports a failure
  local what=$1
  shift
  checks=$((checks + 1))
  if ! "$@"; then
    failures=$((failures + 1))
    echo "FAIL: $what" >&2
  fi
}

finish() {
  echo "$(basename "$0"): $checks checks, $failures failed"
  [ "$failures" -eq 0 ]
}

mpi() { # mpi NP ARGS...: runs pow on NP ranks
  local np=$1
  shift
  "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" "$np" "$POW" "$@"
}

# is_coin STRING HEX DIGITS ZEROS: the openssl CLI agrees that STRING is a coin with this MD5.
is_coin() {
  local s=$1 hex=$2 digits=$3 zeros=$4 real
  [[ $s =~ ^[0-9]+$ ]] && [ ${#s} -eq "$digits" ] || return 1
  real=$(printf '%s' "$s" | openssl md5 -r | cut -d' ' -f1)
  [ "$real" = "$hex" ] || return 1
  [ "${real: -$zeros}" = "$(printf '%*s' "$zeros" '' | tr ' ' 0)" ]
}

# coins_ok FILE N DIGITS ZEROS: FILE has exactly N distinct lines, each a verified coin.
coins_ok() {
  local file=$1 n=$2 digits=$3 zeros=$4 s hex rest
  [ "$(wc -l <"$file")" -eq "$n" ] || { echo "want $n lines, got $(wc -l <"$file")" >&2; return 1; }
  [ "$(cut -d' ' -f1 "$file" | sort -u | wc -l)" -eq "$n" ] || { echo "duplicate coins" >&2; return 1; }
  while read -r s hex rest; do
    [ -z "$rest" ] && is_coin "$s" "$hex" "$digits" "$zeros" || { echo "not a coin: $s $hex" >&2; return 1; }
  done <"$file"
}

# server_peak COMMAND...: runs COMMAND and prints the most connections the local test site
# (with_testsite) held open at once meanwhile, from a probe on the same server every 50 ms,
# minus the probe's own.
server_peak() {
  "$@" &
  local pid=$! peak=0 n
  while kill -0 $pid 2>/dev/null; do
    n=$(curl -s "$TESTSITE_OTHER/peek/0")
    [ -n "$n" ] && [ "$n" -gt "$peak" ] && peak=$n
    sleep 0.05
  done
  wait $pid
  echo $((peak - 1))
}

mpi_run() { # mpi_run NP PROGRAM ARGS...: runs any of the tools on NP ranks
  local np=$1
  shift
  "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" "$np" "$@"
}

# exits_2 DESCRIPTION COMMAND...: the command exits 2 with exactly one line on stderr.
exits_2() {
  local what=$1 rc
  shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  check "$what: exit 2 (got $rc)" [ "$rc" -eq 2 ]
  check "$what: one line on stderr" [ "$(wc -l <"$tmp/err")" -eq 1 ]
}

# numexpr EXPR: an integer expression such as 1e12+1e8 or 2^32-1000, exactly (Python ints).
numexpr() {
  /usr/bin/python3 -c 'import re, sys; print(eval(re.sub(r"(\d+)e(\d+)", r"(\1*10**\2)", sys.argv[1]).replace("^", "**")))' "$1"
}

# add_random_ranges N SCALE WIDTH: appends N random "LO HI" to the array ranges: LO a 30-bit
# number times 1..SCALE, HI 1 to WIDTH above it. Not in a subshell: $RANDOM must advance here.
add_random_ranges() {
  local k lo
  for k in $(seq 1 "$1"); do
    lo=$(( (RANDOM * 32768 + RANDOM) * (RANDOM % $2 + 1) ))
    ranges+=("$lo $((lo + (RANDOM * 32768 + RANDOM) % $3 + 1))")
  done
}
