# trial_oracle.sh - trial against independent oracles: primesieve for which numbers are prime
# and for prime counts, coreutils' factor for the smallest factor of composites, and
# trial's own --method mr (a different algorithm) on the same input; bad input exits 2.
. "$(dirname "$0")/lib.sh"

# Counts in ranges, by trial division and by Miller-Rabin, against primesieve.
RANDOM=99
first=2000000 near64="18446744073709500000 18446744073709551615"
quick && first=200000 near64="1000000000000000 1000000000010000" # lib.sh: the race-checking build
ranges=("2 $first" "0 10" "1000000000000 1000000020000" "$near64")
add_random_ranges 6 3000 50000
for r in "${ranges[@]}"; do
  set -- $r
  want=$(primesieve -q "$1" "$(numexpr "$2-1")")
  if [ ${#2} -le 15 ]; then # B <= 2^52
    check "--count $1:$2" [ "$("$TRIAL" --count "$1:$2" 2>/dev/null)" = "$want" ]
  fi
  check "--count $1:$2 --method mr" [ "$("$TRIAL" --method mr --count "$1:$2" 2>/dev/null)" = "$want" ]
done

# A list on stdin: 2000 consecutive numbers near 10^15 and some near 2^64. Primes must be
# primesieve's; composites carry factor's smallest factor; mr agrees on prime/composite.
top_lo=18446744073709551316 top_hi=18446744073709551615
quick && top_lo=1000000000003000 top_hi=1000000000003300
{ seq 1000000000000000 1000000000002000; seq "$top_lo" "$top_hi"; } >"$tmp/nums"
"$TRIAL" - <"$tmp/nums" >"$tmp/td"
check "list: exit 0" [ $? -eq 0 ]
check "list: one line per number, in order" cmp -s <(cut -d' ' -f1 "$tmp/td") "$tmp/nums"
{ primesieve 1000000000000000 1000000000002000 -p; primesieve "$top_lo" "$top_hi" -p; } >"$tmp/want_primes"
check "list: the primes are primesieve's" cmp -s <(awk '$2 == "prime" { print $1 }' "$tmp/td") "$tmp/want_primes"
awk '$2 == "composite" { print $1, $3 }' "$tmp/td" | head -400 >"$tmp/comp"
cut -d' ' -f1 "$tmp/comp" | factor | awk '{ sub(":", "", $1); print $1, $2 }' >"$tmp/want_comp"
check "list: smallest factors are factor's" cmp -s "$tmp/comp" "$tmp/want_comp"
"$TRIAL" --method mr - <"$tmp/nums" >"$tmp/mr"
check "list: mr agrees on prime or composite" cmp -s <(cut -d' ' -f1,2 "$tmp/td") <(cut -d' ' -f1,2 "$tmp/mr")

# The hard cases on the command line (near 2^64: not in the race-checking build).
if ! quick; then
  check "2^64-59 is prime" [ "$("$TRIAL" 18446744073709551557)" = "18446744073709551557 prime" ]
  check "product of the two largest 32-bit primes" \
    [ "$("$TRIAL" 18446743979220271189)" = "18446743979220271189 composite 4294967279" ]
fi
check "Carmichael 561 and spsp 3215031751" \
  [ "$("$TRIAL" 561 3215031751 | paste -sd' ')" = "561 composite 3 3215031751 composite 151" ]
check "0 and 1 are neither" [ "$("$TRIAL" 0 1 | paste -sd' ')" = "0 neither 1 neither" ]
if ! quick; then
  "$TRIAL" --test >"$tmp/out"
  check "trial --test passes" [ $? -eq 0 ]
fi

exits_2 "trial abc" "$TRIAL" abc
exits_2 "trial -5" "$TRIAL" -5
exits_2 "trial 2^64" "$TRIAL" 18446744073709551616
exits_2 "trial - </dev/null (empty stdin)" "$TRIAL" - </dev/null
printf '7\nseven\n' >"$tmp/bad"
exits_2 "trial - with a bad line" "$TRIAL" - <"$tmp/bad"
exits_2 "trial --count 5:3" "$TRIAL" --count 5:3
exits_2 "trial --method xx" "$TRIAL" --method xx 7
finish
