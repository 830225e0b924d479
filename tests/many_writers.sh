# many_writers.sh - one results CSV shared by many writers, as a Slurm job array shares it:
# 32 sieve processes started together append exactly 32 whole rows under one header, and
# their 32 runs to the sidecar; rows whose fields hold commas, quotes and line breaks (URLs,
# error messages) come back field for field through the plot script's own loader, which
# leaves out rows of interrupted runs.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
csv=$tmp/shared.csv

# The 32 start at one moment (each waits for the gate file), like an array's tasks.
for i in $(seq 32); do
  (while [ ! -e "$tmp/gate" ]; do sleep 0.01; done
   exec "$SIEVE" 1e6 -t 1 -q --csv "$csv" --tag "task$i" >/dev/null 2>&1) &
done
touch "$tmp/gate"
wait
check "32 writers: one header" [ "$(grep -c '^schema,' "$csv")" -eq 1 ]
check "32 writers: the header first" [ "$(head -c 7 "$csv")" = "schema," ]
check "32 writers: 33 lines" [ "$(wc -l <"$csv")" -eq 33 ]
check "32 writers: every row whole (20 fields), every task once" /usr/bin/python3 - "$csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == 20 for r in rows), [len(r) for r in rows]
tags = sorted(r[5].split("tag=")[1] for r in rows[1:])
assert tags == sorted(f"task{i}" for i in range(1, 33)), tags
assert all(r[10].startswith("primes=78498 ") for r in rows[1:])
PY
check "32 writers: 32 runs in the sidecar, the rows' run ids" [ "$(tail -n +2 "$csv.runs" | cut -d, -f1 | sort)" = "$(tail -n +2 "$csv" | awk -F, '{ print $(NF - 1) }' | sort)" ]

# The round trip: RFC 4180 out (results.c), pandas in (scripts/plot's load).
"$RESULTS_TEST" --hostile "$tmp/hostile.csv"
check "round trip: the plot loader reads every field back" /usr/bin/python3 - "$root/scripts/plot" "$tmp/hostile.csv" <<'PY'
import importlib.machinery, importlib.util, sys
loader = importlib.machinery.SourceFileLoader("plot", sys.argv[1])
spec = importlib.util.spec_from_loader("plot", loader)
plot = importlib.util.module_from_spec(spec)
loader.exec_module(plot)
df, _ = plot.load([sys.argv[2]])
assert len(df) == 2, f"{len(df)} rows: the partial row must be left out"
a, b = df.iloc[0], df.iloc[1]
assert a["params"] == "url=http://h/a,b tag=x", a["params"]
assert a["result"] == 'error="quoted", with comma', a["result"]
assert a["run_id"] == "run,1" and a["tag"] == "x"
assert b["params"] == 'page="a\nb"', repr(b["params"])
assert b["result"] == "line one\nline two\r\nend", repr(b["result"])
assert b["run_id"] == 'run"2' and b["items"] == 7 and b["threads"] == 8
PY
finish
