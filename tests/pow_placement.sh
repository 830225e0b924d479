# pow_placement.sh - threads land on distinct cores: 2 ranks x 1 thread, 1 rank x 2 threads,
# and 4 ranks on this machine's cores share them evenly. Reads the map pow prints with -v,
# which reports each thread's binding as read back from the OS.
. "$(dirname "$0")/lib.sh"
cores=$(nproc)

thread_pus() { grep -o 'rank=[0-9]* thread=[0-9]* core=[^ ]* pus=[^ ]*' "$1" | sed 's/.*pus=//'; }

distinct() { # distinct FILE N: N thread lines, no PU set repeated
  local n=$(thread_pus "$1" | wc -l) u=$(thread_pus "$1" | sort -u | wc -l)
  [ "$n" -eq "$2" ] && [ "$u" -eq "$2" ] || { echo "want $2 distinct, got $n lines, $u distinct:" >&2; grep 'thread=' "$1" >&2; return 1; }
}

if [ "$cores" -ge 2 ]; then
  mpi 2 --coins 1 -v >/dev/null 2>"$tmp/np2"
  check "2 ranks: distinct cores" distinct "$tmp/np2" 2
  check "2 ranks: one thread each" [ "$(grep -c 'threads=1 ' "$tmp/np2")" -eq 2 ]
  # One rank given two cores by the launcher (mpirun --map-by slot:PE=2, srun -c 2).
  "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 1 --map-by slot:PE=2 "$POW" --coins 1 -t 2 -v >/dev/null 2>"$tmp/t2"
  check "1 rank x 2 threads: distinct cores" distinct "$tmp/t2" 2
  # Given one core (mpirun -np 1 binds to a core), 2 threads share it: warned, not spread out.
  mpi 1 --coins 1 -t 2 -v >/dev/null 2>"$tmp/t2one"
  check "2 threads on a 1-core cpuset stay inside it" [ "$(thread_pus "$tmp/t2one" | sort -u | wc -l)" -eq 1 ]
  check "2 threads on a 1-core cpuset: warning" grep -q 'warning: rank 0 runs 2 threads on 1 core' "$tmp/t2one"
  "$POW" --coins 1 -v >/dev/null 2>"$tmp/plain"
  check "no launcher: one thread per core" [ "$(grep -c 'thread=' "$tmp/plain")" -eq "$cores" ]
  check "no launcher: distinct cores" distinct "$tmp/plain" "$cores"
  # 2 ranks per core: every core carries exactly two ranks, each rank one thread.
  mpi $((2 * cores)) --coins 1 -v >/dev/null 2>"$tmp/over"
  check "$((2 * cores)) ranks: one thread each" [ "$(grep -c 'thread=' "$tmp/over")" -eq $((2 * cores)) ]
  check "$((2 * cores)) ranks: each core used twice" \
    [ "$(thread_pus "$tmp/over" | sort | uniq -c | awk '$1 != 2' | wc -l)" -eq 0 ]
else
  echo "only $cores core: the distinct-core checks need 2" >&2
fi
mpi 1 --coins 1 -t 2 --bind none -v >/dev/null 2>"$tmp/none"
check "--bind none: threads keep the whole cpuset" [ "$(thread_pus "$tmp/none" | sort -u | wc -l)" -eq 1 ]
check "--bind none: map says so" grep -q 'bind=none' "$tmp/none"
finish
