# pow_placement.sh - threads land on distinct cores: 2 ranks x 1 thread, 1 rank x 2 threads,
# 2 ranks under mpirun --bind-to none, and 4 ranks on this machine's cores share them evenly
# with one oversubscription warning from rank 0. Reads the map pow prints with -v,
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
  check "2 threads on a 1-core cpuset: warning" \
    grep -q 'warning: cores oversubscribed: up to 2 threads share one core .*(rank 0: 2 threads on 1 core of cpuset' "$tmp/t2one"
  "$POW" --coins 1 -v >/dev/null 2>"$tmp/plain"
  check "no launcher: one thread per core" [ "$(grep -c 'thread=' "$tmp/plain")" -eq "$cores" ]
  check "no launcher: distinct cores" distinct "$tmp/plain" "$cores"
  # 2 ranks per core: every core carries exactly two ranks, each rank one thread.
  mpi $((2 * cores)) --coins 1 -v >/dev/null 2>"$tmp/over"
  check "$((2 * cores)) ranks: one thread each" [ "$(grep -c 'thread=' "$tmp/over")" -eq $((2 * cores)) ]
  check "$((2 * cores)) ranks: each core used twice" \
    [ "$(thread_pus "$tmp/over" | sort | uniq -c | awk '$1 != 2' | wc -l)" -eq 0 ]
  # Oversubscription is one line from rank 0, without -v; none when every thread has a core.
  mpi $((2 * cores)) --coins 1 >/dev/null 2>"$tmp/over_quiet"
  check "$((2 * cores)) ranks: one warning line" [ "$(grep -c '^warning: cores oversubscribed' "$tmp/over_quiet")" -eq 1 ]
  check "$((2 * cores)) ranks: 2 threads per core" grep -q 'up to 2 threads share one core' "$tmp/over_quiet"
  mpi "$cores" --coins 1 >/dev/null 2>"$tmp/fit"
  check "$cores ranks: no warning" [ "$(grep -c warning "$tmp/fit")" -eq 0 ]
  # The launcher's --bind-to none gives every rank the whole node: the ranks split its cores
  # among themselves and still bind (unbound threads migrate and collide).
  "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 2 --bind-to none "$POW" --coins 1 -v >/dev/null 2>"$tmp/bnone"
  check "mpirun --bind-to none: distinct cores" distinct "$tmp/bnone" 2
  check "mpirun --bind-to none: no warning" [ "$(grep -c warning "$tmp/bnone")" -eq 0 ]
else
  echo "only $cores core: the distinct-core checks need 2" >&2
fi
mpi 1 --coins 1 -t 2 --bind none -v >/dev/null 2>"$tmp/none"
check "--bind none: threads keep the whole cpuset" [ "$(thread_pus "$tmp/none" | sort -u | wc -l)" -eq 1 ]
check "--bind none: map says so" grep -q 'bind=none' "$tmp/none"
finish
