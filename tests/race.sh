# race.sh - the shared-counter experiment and the lock demos: every synchronised method gives
# exactly tasks x increments on 1 to 4 threads and on 2, 8 and 16 ranks, for several sizes;
# none never gives more (how much it lost is printed, not asserted: that depends on the
# machine's load); the CSV rows; the deadlock is detected within its deadline and the fixed order completes;
# the semaphore never lets more than N in, checked from the printed entry and exit times;
# usage errors exit 2.
. "$(dirname "$0")/lib.sh"
exact="atomic critical lock reduction local padded packed"

# row TABLE METHOD COLUMN: a column of METHOD's line (1 method, 3 threads, 4 total, 5 expected).
row() { awk -v m="$2" -v c="$3" '$1 == m { print $c }' "$1"; }

sizes=("7 13" "5000 100" "1 1" "64 1000") threads="1 2 3 4"
quick && sizes=("7 13" "64 1000") threads="1 2 4" # lib.sh: the race-checking build
for size in "${sizes[@]}"; do
  set -- $size
  for t in $threads; do
    "$RACE" --tasks "$1" --increments "$2" -t "$t" --repeat 2 >"$tmp/t" 2>"$tmp/err"
    check "tasks $1 x increments $2 on $t threads: exit 0" [ $? -eq 0 ]
    for m in $exact; do
      check "$m: $1 x $2 on $t threads is exact" [ "$(row "$tmp/t" "$m" 4)" = $(( $1 * $2 )) ]
    done
    check "none: never more than expected" [ "$(row "$tmp/t" none 4)" -le $(( $1 * $2 )) ]
    [ "$t" -gt 1 ] && echo "race.sh: none lost $(row "$tmp/t" none 6) of $(( $1 * $2 )) on $t threads"
  done
done

# The same exact totals on 2, 8 and 16 ranks (oversubscribed): 1001 tasks leave odd shares.
for np in 2 8 16; do
  threads=$((np == 2 ? 2 : 1))
  mpi_run "$np" "$RACE" -t "$threads" --tasks 1001 --increments 7 --repeat 2 --csv "$tmp/r$np.csv" >"$tmp/t" 2>"$tmp/err"
  check "$np ranks x $threads threads: exit 0" [ $? -eq 0 ]
  for m in $exact; do
    check "$m on $np ranks x $threads threads: 7007 (an odd share per rank)" [ "$(row "$tmp/t" "$m" 4)" = 7007 ]
  done
done
cp "$tmp/r2.csv" "$tmp/r.csv"
check "csv: a row per method, 2 ranks x 2 threads" \
  [ "$(grep -c '^3,race,[a-z]*,2,2,tasks=1001 increments=7 repeat=2,7007,' "$tmp/r.csv")" -eq 8 ]
check "csv: atomic lost nothing" grep -q '^3,race,atomic,.*,increments,total=7007 lost=0 ' "$tmp/r.csv"

# The deadlock demo: detected at its deadline (not a hang), then the fixed order completes.
# A hang is caught by timeout (exit 124), with a margin no slow start reaches; no tighter
# bound, since a bound on time here would be a timing test.
timeout 60 "$RACE" --demo deadlock --deadline 0.5 >"$tmp/d" 2>&1
check "deadlock demo: exit 0 (124: it hung)" [ $? -eq 0 ]
check "deadlock demo: detected after its 0.5 s deadline" grep -q 'detected after 0\.5' "$tmp/d"
check "deadlock demo: the fixed order passes 2000 times" grep -q '2000 passes .* no deadlock' "$tmp/d"

# The semaphore: from the printed times, never more than N inside at once.
overlap() { # the most workers whose [in, out) intervals overlap, from "in X s, out Y s" lines
  awk '/ in .* out / { for (i = 1; i <= NF; i++) { if ($i == "in") a[n] = $(i + 1);
                                                   if ($i == "out") b[n] = $(i + 1) } n++ }
       END { m = 0; for (i = 0; i < n; i++) { c = 0; for (j = 0; j < n; j++)
               if (a[j] <= a[i] && a[i] < b[j]) c++; if (c > m) m = c } print m }' "$1"
}
for spec in "3 7" "1 4" "5 5"; do
  set -- $spec
  "$RACE" --demo "semaphore=$1" --workers "$2" >"$tmp/s" 2>&1
  check "semaphore $1 of $2: exit 0" [ $? -eq 0 ]
  check "semaphore $1 of $2: every worker went in" [ "$(grep -c ' worker [0-9]* in ' "$tmp/s")" -eq "$2" ]
  check "semaphore $1 of $2: at most $1 inside by the times ($(overlap "$tmp/s"))" [ "$(overlap "$tmp/s")" -le "$1" ]
done
"$RACE" --demo semaphore=1 --workers 4 >"$tmp/s" 2>&1
check "semaphore 1 of 4: one at a time, so the last goes in after 0.3 s" \
  awk '/ in .* out / { last = $5 } END { exit !(last >= 0.29) }' "$tmp/s"

exits_2 "unknown method" "$RACE" --method bogus
exits_2 "zero tasks" "$RACE" --tasks 0
exits_2 "unknown demo" "$RACE" --demo livelock
exits_2 "an operand" "$RACE" 12
exits_2 "tasks x increments over 2^40" "$RACE" --tasks 2^30 --increments 2^11
"$RACE" --help >/dev/null
check "--help: exit 0" [ $? -eq 0 ]
finish
