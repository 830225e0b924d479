# prime_mpi.sh NP - sieve and trial (trial division and --method mr lists) under mpirun -np
# NP give the same answers as one rank.
. "$(dirname "$0")/lib.sh"
np=$1
top=1e9 span=1e8 nums="112272535095293 112582705942171 18446744073709551557 1099726899285419 18446743979220271189 561"
quick && top=1e8 span=1e7 nums="112272535095293 112582705942171 1099726899285419 561" # lib.sh
check "sieve count, twins, sum [0, $top] on $np ranks" \
  [ "$(mpi_run "$np" "$SIEVE" -q --twins --sum $top | paste -sd' ')" = "$("$SIEVE" -t 1 -q --twins --sum $top | paste -sd' ')" ]
check "sieve [1e15, 1e15+$span] on $np ranks" \
  [ "$(mpi_run "$np" "$SIEVE" -q 1e15 1e15+$span)" = "$(primesieve -q 1e15 1e15+$span)" ]
check "sieve --batch on $np ranks" \
  [ "$(mpi_run "$np" "$SIEVE" -q --batch 1000:16000 | paste -sd' ')" = "15730622 76946305450" ]
check "sieve --print on $np ranks" \
  [ "$(mpi_run "$np" "$SIEVE" --print 1e9 1e9+1e5 | md5sum)" = "$(primesieve 1e9 1e9+1e5 -p | md5sum)" ]
check "trial --count 2:2000000 on $np ranks" \
  [ "$(mpi_run "$np" "$TRIAL" --count 2:2000000 2>/dev/null)" = 148933 ]
mpi_run "$np" "$TRIAL" $nums >"$tmp/par"
"$TRIAL" -t 1 $nums >"$tmp/one"
check "trial list on $np ranks equals one thread" cmp -s "$tmp/par" "$tmp/one"
check "trial list has the known verdicts" grep -q "^1099726899285419 composite 3306091$" "$tmp/par"
# --method mr deals each rank a block of the list and gathers the verdicts (more ranks than
# numbers too: some blocks are empty).
mpi_run "$np" "$TRIAL" --method mr $nums 0 1 2 $(seq 1000000 1000040) >"$tmp/par" 2>/dev/null
"$TRIAL" -t 1 --method mr $nums 0 1 2 $(seq 1000000 1000040) >"$tmp/one"
check "trial --method mr list on $np ranks equals one thread" cmp -s "$tmp/par" "$tmp/one"
quick || check "sieve default run on $np ranks" bash -c "'$MPIEXEC' '$MPIEXEC_NUMPROC_FLAG' $np '$SIEVE' | grep -q 'count of primes <= 1e9: 50847534'"
finish
