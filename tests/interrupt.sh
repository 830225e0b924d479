# interrupt.sh - SIGINT and SIGTERM: each program stops within a second, writes its results row
# marked partial (the last column) and exits 130 / 143; under mpirun every rank stops and none
# is left running; sieve --print leaves whole lines, every prime up to the last one; pow
# --resume, killed again and again (SIGKILL alone and SIGTERM through mpirun), ends with
# exactly the coins of an uninterrupted search, none printed twice.
. "$(dirname "$0")/lib.sh"

items() { tail -1 "$1" | awk -F, '{ print $7 }'; }

# pow: coins so far printed (and real), the row partial, 130 for SIGINT and 143 for SIGTERM.
stop_after 1 INT "$POW" --coins 0 --seconds 60 --zeros 6 --csv "$tmp/p.csv"
check "pow SIGINT: exit 130 (got $rc)" [ "$rc" -eq 130 ]
check "pow SIGINT: stopped in ${took} ms (< 1000)" [ "$took" -lt 1000 ]
check "pow SIGINT: the row is partial" [ "$(last_field "$tmp/p.csv")" = 1 ]
n=$(wc -l <"$tmp/out")
check "pow SIGINT: the $n coins printed are coins" coins_ok "$tmp/out" "$n" 50 6
check "pow SIGINT: says so" grep -q "stopped by SIGINT" "$tmp/err"
stop_after 0.7 TERM "$POW" --coins 0 --seconds 60 --zeros 6 --csv "$tmp/p.csv"
check "pow SIGTERM: exit 143 (got $rc)" [ "$rc" -eq 143 ]
check "pow SIGTERM: two rows, both partial" [ "$(tail -n +2 "$tmp/p.csv" | awk -F, '$NF == 1' | wc -l)" -eq 2 ]

# Under mpirun: mpirun passes SIGTERM on to every rank (after its own second of grace) and
# kills what is left a second later; the ranks use that second to stop and write the row.
stop_after 1.5 TERM "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 3 "$POW" --coins 0 --seconds 61 --zeros 6 --csv "$tmp/m.csv"
check "mpirun pow SIGTERM: mpirun exits non-zero (got $rc)" [ "$rc" -ne 0 ]
check "mpirun pow SIGTERM: over in ${took} ms (< 3000)" [ "$took" -lt 3000 ]
check "mpirun pow SIGTERM: 3 ranks' row, partial" grep -q '^3,pow,[a-z0-9]*,3,.*,1$' "$tmp/m.csv"
sleep 0.5
check "mpirun pow SIGTERM: no rank left running" bash -c '! pgrep -f -- "--seconds 6[1]" >/dev/null'

# sieve: the count so far, over the numbers sieved.
stop_after 1 INT "$SIEVE" 1e13 --csv "$tmp/s.csv"
check "sieve SIGINT: exit 130 (got $rc)" [ "$rc" -eq 130 ]
check "sieve SIGINT: stopped in ${took} ms (< 1000)" [ "$took" -lt 1000 ]
check "sieve SIGINT: the row is partial" [ "$(last_field "$tmp/s.csv")" = 1 ]
check "sieve SIGINT: items are the numbers sieved, not 1e13" [ "$(items "$tmp/s.csv")" -lt 10000000000000 ]
check "sieve SIGINT: says so" grep -q "stopped by a signal after" "$tmp/err"
stop_after 1.5 TERM "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 2 "$SIEVE" 1e13 -t 1 --csv "$tmp/s.csv"
check "mpirun sieve SIGTERM: 2 ranks' row, partial" grep -q '^3,sieve,count,2,1,.*,1$' "$tmp/s.csv"

# sieve --print: a valid prefix. primesieve (an independent sieve) counts the primes from the
# start to the last line printed: they must be exactly the lines.
stop_after 0.8 TERM "$SIEVE" --print 1e12 2e12
check "sieve --print SIGTERM: exit 143 (got $rc)" [ "$rc" -eq 143 ]
check "sieve --print SIGTERM: ends with a whole line" [ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ]
last=$(tail -1 "$tmp/out")
check "sieve --print SIGTERM: every prime in [1e12, $last], no more" \
  [ "$(primesieve 1e12 "$last" --count -q)" -eq "$(wc -l <"$tmp/out")" ]

# trial: the count over the numbers tested.
stop_after 1 INT "$TRIAL" --count 1e12:1e12+1e9 --csv "$tmp/t.csv"
check "trial SIGINT: exit 130 (got $rc)" [ "$rc" -eq 130 ]
check "trial SIGINT: stopped in ${took} ms (< 1000)" [ "$took" -lt 1000 ]
check "trial SIGINT: the row is partial, items below 1e9" \
  [ "$(last_field "$tmp/t.csv")" = 1 ] && [ "$(items "$tmp/t.csv")" -lt 1000000000 ]

# race: the rows of the measurements done, partial.
stop_after 1.5 INT "$RACE" --repeat 1000 --csv "$tmp/r.csv"
check "race SIGINT: exit 130 (got $rc)" [ "$rc" -eq 130 ]
check "race SIGINT: stopped in ${took} ms (< 1000)" [ "$took" -lt 1000 ]

# pow --resume: an exhaustive search of a small space (8 digits, 4 zeros: 1548 coins for this
# seed) uninterrupted, then the same search killed with SIGKILL at random moments until it
# finishes. The state file must hold the same coins, each once; stdout never repeats a coin
# but may miss those of the last save when the kill (or mpirun, which stops relaying output
# when signalled) falls between the save and the print.
space=(--digits 8 --zeros 4 --seed 7 --coins 100000 --kernel scalar)
"$POW" "${space[@]}" -t 2 >"$tmp/full" 2>/dev/null
check "resume: the uninterrupted search exhausts the space (exit 1)" [ $? -eq 1 ]
: >"$tmp/resumed"
# Each run is killed at a random moment after it first saved (so every run gets somewhere,
# whatever the machine's speed): a kill can land anywhere in the search and the saves.
saved() { cksum "$tmp/state" 2>/dev/null; }
kills=0
while :; do
  before=$(saved)
  "$POW" "${space[@]}" -t 2 --resume "$tmp/state" >>"$tmp/resumed" 2>"$tmp/err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(saved)" = "$before" ]; do sleep 0.02; done
  sleep "0.$((RANDOM % 5))"
  kill -0 "$pid" 2>/dev/null || break
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null
  kills=$((kills + 1))
done
wait "$pid"
check "resume after $kills SIGKILLs: exit 1, the space exhausted (got $?)" grep -q "searched every candidate" "$tmp/err"
check "resume: killed at least 3 times" [ "$kills" -ge 3 ]
state_coins() { awk '/^coin / { print $4 }' "$tmp/state" | sort; }
check "resume: the state holds the same coins, each once" \
  diff <(cut -d' ' -f1 "$tmp/full" | sort) <(state_coins)
check "resume: stdout repeats no coin" [ -z "$(sort "$tmp/resumed" | uniq -d)" ]
check "resume: stdout prints only coins of the search" \
  [ -z "$(comm -13 <(sort "$tmp/full") <(sort "$tmp/resumed"))" ]
"$POW" "${space[@]}" --resume "$tmp/state" >"$tmp/again" 2>/dev/null
check "resume: a finished state prints nothing new" [ ! -s "$tmp/again" ]
# The same through mpirun on 2 ranks, stopped with SIGTERM (mpirun's way).
: >"$tmp/resumed"
rm -f "$tmp/state"
for i in 1 2; do
  stop_after 1.2 TERM "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 2 "$POW" "${space[@]}" -t 1 --resume "$tmp/state"
  cat "$tmp/out" >>"$tmp/resumed"
done
mpi_run 2 "$POW" "${space[@]}" -t 1 --resume "$tmp/state" >>"$tmp/resumed" 2>/dev/null
check "mpirun resume after 2 SIGTERMs: the state holds the same coins, each once" \
  diff <(cut -d' ' -f1 "$tmp/full" | sort) <(state_coins)
check "mpirun resume: stdout repeats no coin" [ -z "$(sort "$tmp/resumed" | uniq -d)" ]

# A state file for another search, or not a state file: exit 2, one line.
exits_2 "resume: another search's state" "$POW" --digits 9 --zeros 4 --resume "$tmp/state"
printf 'pow-resume 1\ndigits 8\nbogus\n' >"$tmp/bad"
exits_2 "resume: a corrupt state" "$POW" --resume "$tmp/bad"
finish
