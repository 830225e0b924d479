# pow_kernels.sh - every kernel this CPU runs mines the same coins as the scalar kernel (one
# thread, fixed seed, so the chunk order is fixed) and OpenSSL accepts each; the CSV names the
# kernel; and the dispatcher falls back when HPCKIT_CPU_FEATURES hides a feature.
. "$(dirname "$0")/lib.sh"

"$POW" --kernel list >"$tmp/list"
check "--kernel list: exit 0" [ $? -eq 0 ]
runnable=$(awk 'NR > 1 && $3 == "yes" { print $1 }' "$tmp/list")
check "--kernel list names scalar and portable as runnable" \
  grep -qx scalar <<<"$runnable" && grep -qx portable <<<"$runnable"

for zeros in 2 4; do
  mpi 1 -t 1 --kernel scalar --seed 11 --zeros "$zeros" --coins 40 >"$tmp/scalar" 2>/dev/null
  check "scalar, $zeros zeros: 40 verified coins" coins_ok "$tmp/scalar" 40 50 "$zeros"
  for k in $runnable; do
    [ "$k" = scalar ] && continue
    mpi 1 -t 1 --kernel "$k" --seed 11 --zeros "$zeros" --coins 40 --csv "$tmp/$k.csv" \
      >"$tmp/$k" 2>/dev/null
    check "$k, $zeros zeros: the scalar kernel's coins, in order" cmp -s "$tmp/scalar" "$tmp/$k"
    check "$k: CSV variant column is $k" \
      [ "$(tail -n 1 "$tmp/$k.csv" | cut -d, -f3)" = "$k" ]
    rm -f "$tmp/$k.csv"
  done
done

# 13 and 55 digits: other lane and iteration words than the default 50.
for digits in 13 55; do
  mpi 1 -t 1 --kernel scalar --seed 5 --digits "$digits" --zeros 3 --coins 20 >"$tmp/scalar" 2>/dev/null
  check "$digits digits: scalar coins verify" coins_ok "$tmp/scalar" 20 "$digits" 3
  mpi 1 -t 1 --kernel auto --seed 5 --digits "$digits" --zeros 3 --coins 20 >"$tmp/auto" 2>/dev/null
  check "$digits digits: auto finds the scalar kernel's coins" cmp -s "$tmp/scalar" "$tmp/auto"
done

# Fallback: with AVX2 and AVX-512 hidden, auto takes the portable kernel and a forced avx512
# is a usage error naming the missing feature.
HPCKIT_CPU_FEATURES= mpi 1 -t 1 -v --seed 3 --zeros 3 --coins 5 >"$tmp/out" 2>"$tmp/err"
check "no features: exit 0" [ $? -eq 0 ]
check "no features: auto picks portable" grep -q "kernel portable" "$tmp/err"
check "no features: coins verify" coins_ok "$tmp/out" 5 50 3
HPCKIT_CPU_FEATURES=avx2 "$POW" --kernel list >"$tmp/list" 2>&1
check "avx2 only: list marks avx2 as auto" grep -q "^avx2 .*(auto)" "$tmp/list"
for k in avx2 avx512; do
  grep -q "^$k " "$tmp/list" || continue # not an x86-64 build
  HPCKIT_CPU_FEATURES= mpi 1 --kernel "$k" --coins 1 >"$tmp/out" 2>"$tmp/err"
  check "--kernel $k without its feature: exit 2" [ $? -eq 2 ]
  check "--kernel $k without its feature: says what is missing" grep -q "which this CPU lacks" "$tmp/err"
done
HPCKIT_CPU_FEATURES=sse9 "$POW" --coins 1 >/dev/null 2>"$tmp/err"
check "unknown HPCKIT_CPU_FEATURES: exit 2" [ $? -eq 2 ]
"$POW" --kernel avx9 >/dev/null 2>"$tmp/err"
check "unknown kernel: exit 2" [ $? -eq 2 ]
check "unknown kernel: lists the names" grep -q "scalar, portable" "$tmp/err"

finish
