# sieve_cli.sh - sieve's command line: bad input exits 2 with one line on stderr, --help and
# --version exit 0, -q prints bare answers, and the built-in self-test passes.
. "$(dirname "$0")/lib.sh"

exits_2 "sieve 10 5" "$SIEVE" 10 5
exits_2 "sieve 2^65" "$SIEVE" 2^65
exits_2 "sieve abc" "$SIEVE" abc
exits_2 "sieve -5" "$SIEVE" -5
exits_2 "sieve 1 2 3" "$SIEVE" 1 2 3
exits_2 "sieve --sieve-size 0" "$SIEVE" --sieve-size 0 100
exits_2 "sieve --batch 5:5" "$SIEVE" --batch 5:5
exits_2 "sieve --print (no stop)" "$SIEVE" --print
exits_2 "sieve --bogus" "$SIEVE" --bogus
"$SIEVE" --help >"$tmp/out"
check "--help exits 0 and names --batch" grep -q -- "--batch" "$tmp/out"
check "--version" "$SIEVE" --version
check "-q prints the bare count" [ "$("$SIEVE" -q 1000)" = 168 ]
check "1e12+1e9 style sums" [ "$("$SIEVE" -q 1e3+1e3)" = 303 ]
check "all the answers with -q" [ "$("$SIEVE" -q --twins --sum 100 | paste -sd' ')" = "25 8 1060" ]
check "every segment size gives the same count" \
  [ "$(for s in 1 3 16 256 4096; do "$SIEVE" -q -s $s 1e9 1e9+1e7; done | sort -u | wc -l)" -eq 1 ]
if ! quick; then # one thread, up to 2^64: minutes in the race-checking build
  "$SIEVE" --test >"$tmp/out"
  check "sieve --test passes" [ $? -eq 0 ]
  check "sieve --test prints no ERROR" bash -c "! grep -q ERROR '$tmp/out'"
fi
# 64 workers get at least 4 chunks each (the range holds 508 segments of 128 KiB here, or
# fewer larger ones: the floor is a segment), with the right count and twins.
"$SIEVE" 2e9 -t 64 --twins -v >"$tmp/t64" 2>&1
chunks=$(sed -n 's/.* x 64 threads, \([0-9]*\) chunks.*/\1/p' "$tmp/t64")
check "-t 64: at least 256 chunks (got ${chunks:-none})" [ "${chunks:-0}" -ge 256 ]
check "-t 64: the count (primesieve 11: 98222287)" grep -q '^Primes: 98222287$' "$tmp/t64"
check "-t 64: the twins (primesieve 11: 6388041)" grep -q '^Twin primes: 6388041$' "$tmp/t64"
"$SIEVE" --csv "$tmp/r.csv" -q 1e6 >/dev/null
check "--csv writes a sieve row" grep -q '^[0-9]*,sieve,count,' "$tmp/r.csv"
finish
