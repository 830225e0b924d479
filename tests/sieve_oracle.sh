# sieve_oracle.sh - sieve against primesieve (Debian's primesieve, an independent
# implementation) and against published values: PrimePi(10^k) to 10^10, ranges far from zero
# and touching 2^64 - 1, twins, sums, --print line by line, the n-th prime, the batch.
. "$(dirname "$0")/lib.sh"
command -v primesieve >/dev/null || { echo "primesieve is not installed (scripts/bootstrap installs it)"; exit 1; }

same() { # same DESCRIPTION OURS ORACLE
  [ "$2" = "$3" ] || echo "  $1: sieve says '$2', oracle says '$3'" >&2
  [ "$2" = "$3" ]
}

pi=(0 4 25 168 1229 9592 78498 664579 5761455 50847534 455052511)
kmax=10 twins0=1e9
quick && kmax=8 twins0=1e7 # lib.sh: the race-checking build
for k in $(seq 1 "$kmax"); do
  check "PrimePi(10^$k)" same "10^$k" "$("$SIEVE" -q "10^$k")" "${pi[$k]}"
done

top=18446744073709551615
ranges=("1e12 1e12+1e8" "1e15 1e15+1e7" "1e18 1e18+1e6" "2^32-1000 2^32+1000"
        "18446744073709551000 $top" "18446744073609551615 $top" "0 0" "0 1" "2 2" "3 7" "8 10"
        "4294967291 4294967291" "18446744073709551557 18446744073709551557")
RANDOM=4242
add_random_ranges 12 5000 20000000
for r in "${ranges[@]}"; do
  set -- $r
  lo=$(numexpr "$1") hi=$(numexpr "$2")
  quick && [ ${#hi} -gt 16 ] && continue
  check "count [$1, $2]" same "[$1, $2]" "$("$SIEVE" -q "$lo" "$hi")" "$(primesieve -q "$lo" "$hi")"
done
for r in "0 $twins0" "1e12 1e12+1e8" "1e18 1e18+1e6" "18446744073709551000 $top"; do
  set -- $r
  lo=$(numexpr "$1") hi=$(numexpr "$2")
  quick && [ ${#hi} -gt 16 ] && continue
  check "twins [$1, $2]" same "twins [$1, $2]" "$("$SIEVE" -q --twins "$lo" "$hi" | sed -n 2p)" \
    "$(primesieve -q -c2 "$lo" "$hi")"
done

# Every start from 0 to 200 (the pre-sieved primes 7..163 lie in the first 6 bytes: a range
# that started at 30..163 once lost those of them it held), counts and twins, on one thread
# and on 4 (chunks that start there too).
bad=""
for lo in $(seq 0 200); do
  for t in 1 4; do
    got=$("$SIEVE" -q -t $t --twins "$lo" 1000 | paste -sd,)
    [ "$got" = "$(primesieve -q -c1 "$lo" 1000),$(primesieve -q -c2 "$lo" 1000)" ] || bad="$bad $lo/-t$t"
  done
done
check "count and twins [lo, 1000] for every lo in 0..200 (wrong:${bad:- none})" [ -z "$bad" ]

# Sums and --print: every prime, in order, as primesieve prints them.
primesieve 1e12 1e12+1e6 -p >"$tmp/want"
"$SIEVE" --print 1e12 1e12+1e6 >"$tmp/got"
check "--print [1e12, 1e12+1e6] equals primesieve -p" cmp -s "$tmp/got" "$tmp/want"
"$SIEVE" --print 0 100000 >"$tmp/got"
primesieve 100000  -p>"$tmp/want"
check "--print [0, 1e5] equals primesieve -p" cmp -s "$tmp/got" "$tmp/want"
want_sum=$(awk '{ s += $1 } END { printf "%.0f", s }' "$tmp/want")
check "--sum [0, 1e5]" same sum "$("$SIEVE" -q --sum 100000 | sed -n 2p)" "$want_sum"
if ! quick; then
  primesieve 18446744073709551000 $top -p >"$tmp/want"
  want_sum=$(/usr/bin/python3 -c "import sys; print(sum(int(l) for l in open('$tmp/want')) % 2**64)")
  check "--sum near 2^64 (mod 2^64)" same sum "$("$SIEVE" -q --sum 18446744073709551000 $top | sed -n 2p)" "$want_sum"
fi

# The n-th prime from primesieve -n: PrimePi steps at it.
nth=$(primesieve -q -n 1e6)
check "the 10^6-th prime is counted 10^6-th" same nth "$("$SIEVE" -q "$nth") $("$SIEVE" -q $((nth - 1)))" "1000000 999999"

# The batch: for n in [1000, 16000) the lists of primes <= n, totals from primesieve's list.
primesieve 16000  -p>"$tmp/list"
want=$(/usr/bin/python3 - "$tmp/list" <<'PY'
import bisect, itertools, sys
ps = [int(l) for l in open(sys.argv[1])]
pre = [0] + list(itertools.accumulate(ps))
c = s = 0
for n in range(1000, 16000):
    k = bisect.bisect_right(ps, n)
    c += k
    s += pre[k]
print(c, s % 2**64)
PY
)
check "--batch 1000:16000 totals" same batch "$("$SIEVE" -q --batch 1000:16000 | paste -sd' ')" "$want"
finish
