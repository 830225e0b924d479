# plot.sh - scripts/sweep, scripts/plot and scripts/merge_csv end to end: a small strong and
# weak sweep on real mpirun, the PNGs drawn from its CSV, the speed-up table, the latency CDF
# from per-request rows, schema 1 files read, a file that is not a results CSV refused, and
# merged CSVs holding every row once.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
export MPIEXEC HPCKIT_BUILD=$(dirname "$POW")
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

"$root/scripts/sweep" -f sieve --small -w "1 2" -r 2 -o "$tmp/s.csv" >"$tmp/table" 2>"$tmp/err"
check "sweep: exit 0" [ $? -eq 0 ]
check "sweep: 2 repetitions x 2 worker counts x 2 layouts, tagged strong" \
  [ "$(grep -c '^3,sieve,count,.* tag=strong,.*,primes=5761455 ' "$tmp/s.csv")" -eq 8 ]
check "sweep: ranks and threads layouts" \
  [ "$(cut -d, -f4,5 "$tmp/s.csv" | sort -u | tr '\n' ' ')" = "1,1 1,2 2,1 ranks,threads " ]
check "sweep: one sidecar line per run" [ "$(wc -l <"$tmp/s.csv.runs")" -eq 9 ]
check "plot: the strong-scaling figure is a PNG" is_png "$tmp/plots/strong-sieve.png"
check "plot: the table has the 2-rank line" grep -qE '^sieve +count ranks +strong +2 ' "$tmp/table"

"$root/scripts/sweep" -f pow --small --weak -w "1 2" -r 1 -o "$tmp/w.csv" >/dev/null 2>&1
check "weak sweep: the same candidates per worker, so the work grows with the ranks" \
  [ "$(awk -F, '/candidates_per_worker=4000000 .*tag=weak/ { print $4 ":" $7 }' "$tmp/w.csv" | sort | paste -sd' ')" = "1:4000000 2:8000000" ]
check "plot: the weak-scaling figure is a PNG" is_png "$tmp/plots/weak-pow.png"

# Per-request rows (what fetch --latency-rows writes), made here with known times.
{
  head -n 1 "$tmp/s.csv"
  for i in $(seq 0 9); do
    echo "2,fetch,multi,1,10,url=$i urls=10 concurrency=10,1,0.1$i,1,request,status=200 ok,h,c,2026-01-01T00:00:00Z,v,0,0,0,r1"
  done
} >"$tmp/lat.csv"
/usr/bin/python3 "$root/scripts/plot" "$tmp/lat.csv" -o "$tmp/lat" >/dev/null 2>"$tmp/err"
check "plot: the latency CDF of per-request rows" is_png "$tmp/lat/latency-fetch.png"
# Run as a user would: its own shebang, and by a python3 without matplotlib (a bare venv's):
# it finds one that has them (scripts/python_with) and runs itself with it.
"$root/scripts/plot" "$tmp/lat.csv" -o "$tmp/lat2" >/dev/null 2>"$tmp/err"
check "plot: run directly, it finds a python3 with matplotlib" is_png "$tmp/lat2/latency-fetch.png"
if /usr/bin/python3 -m venv --without-pip "$tmp/venv" >/dev/null 2>&1; then
  "$tmp/venv/bin/python3" "$root/scripts/plot" "$tmp/lat.csv" -o "$tmp/lat3" >/dev/null 2>"$tmp/err"
  check "plot: run by a venv's python3 without matplotlib, it runs itself again" \
    is_png "$tmp/lat3/latency-fetch.png"
fi

/usr/bin/python3 "$root/scripts/plot" "$root/results/pow_bench.csv" -o "$tmp/old" >/dev/null 2>&1
check "plot: reads a schema 1 file" [ $? -eq 0 ]
echo "a,b" >"$tmp/not.csv"
/usr/bin/python3 "$root/scripts/plot" "$tmp/not.csv" -o "$tmp/x" >/dev/null 2>"$tmp/err"
check "plot: a file that is not a results CSV: exit 2" [ $? -eq 2 ]
check "plot: ... naming the file" grep -q "not.csv is not a results CSV" "$tmp/err"

"$root/scripts/merge_csv" "$tmp/m.csv" "$tmp/s.csv" "$tmp/w.csv" "$tmp/s.csv" 2>/dev/null
check "merge_csv: one header and every row once" \
  [ "$(wc -l <"$tmp/m.csv")" -eq $(( $(wc -l <"$tmp/s.csv") + $(wc -l <"$tmp/w.csv") - 1 )) ]
check "merge_csv: the sidecars merged too" \
  [ "$(wc -l <"$tmp/m.csv.runs")" -eq $(( $(wc -l <"$tmp/s.csv.runs") + $(wc -l <"$tmp/w.csv.runs") - 1 )) ]

"$root/scripts/sweep" -w "1 x" >/dev/null 2>"$tmp/err"
check "sweep: a bad worker count is a usage error (exit 2)" [ $? -eq 2 ]
finish
