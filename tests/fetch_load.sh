# fetch_load.sh - fetch as a load generator, against the project's local test site inside a
# private network namespace: the summary's latency percentiles equal the nearest-rank values
# computed here from the rows (within the histogram's 3 significant digits; min and max exact;
# rows without an HTTP answer left out), its status and failure counts equal the rows'; the
# open loop (--rate) spaces its requests as the server's own clock sees them, and a stall
# shows in the corrected latency (latency_s: from the scheduled start, retries included) that
# the closed loop hides, and the omp backend keeps the schedule too;
# -H, -X, -d, --http1.1 and --http2 as the server logs them, and their usage errors; the same
# rows and counts from 1 and 4 ranks, and --rate as the total over 4 ranks.
# Skipped (77) where network namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
with_testsite 2
H=$TESTSITE_HTTP
log=$tmp/site/logs

# The oracle for the JSON output: nearest rank (the value at rank ceil(p/100 * count) of the
# sorted latencies, p exact as a fraction) over the rows with an HTTP answer, written here.
cat >"$tmp/summary.py" <<'PY'
import collections, fractions, json, math, sys

what, path = sys.argv[1], sys.argv[2]
doc = json.load(open(path))
rows, s = sorted(doc["rows"], key=lambda r: r["index"]), doc["summary"]
is_open = s["open_loop"] is not None
# Closed loop: the latency of a request is curl's time; open loop: latency_s, from its
# scheduled start to its final answer. Both printed to the microsecond, as the summary counts.
slack = 5e-7
def latency(r):
    return r["latency_s"] if is_open else r["seconds"]
def fail(msg):
    sys.exit(f"{what}: {msg}")

if what == "requests":  # requests N: N rows, indices 0..N-1, the summary says N
    n = int(sys.argv[3])
    if len(rows) != n or s["requests"] != n:
        fail(f"{len(rows)} rows, summary requests {s['requests']}, want {n}")
    if [r["index"] for r in rows] != list(range(n)):
        fail("the row indices are not 0..N-1")
elif what == "cycle":  # cycle URL_FILE: request i fetched line i mod the list's length
    urls = open(sys.argv[3]).read().split()
    bad = [r["index"] for r in rows if r["url"] != urls[r["index"] % len(urls)]]
    if bad:
        fail(f"{len(bad)} rows with another URL than line index mod {len(urls)}, first {bad[0]}")
elif what == "counts":  # status counts, ok + failed, bytes: those of the rows
    want = collections.Counter(str(r["status"]) for r in rows if r["status"] is not None)
    got = {k: v for k, v in s["status"].items() if v}
    if got != dict(want):
        fail(f"status {s['status']}, rows say {dict(want)}")
    ok = sum(1 for r in rows if r["status"] is not None and r["status"] < 400)
    if (s["ok"], s["failed"]) != (ok, len(rows) - ok):
        fail(f"ok {s['ok']} failed {s['failed']}, rows say {ok} {len(rows) - ok}")
    if s["bytes"] != sum(r["bytes"] for r in rows):
        fail(f"bytes {s['bytes']}, rows sum to {sum(r['bytes'] for r in rows)}")
    if abs(s["requests_per_s"] * s["seconds"] - s["requests"]) > 0.01 * s["requests"] + 1:
        fail(f"requests_per_s {s['requests_per_s']} x seconds {s['seconds']} is not requests")
elif what == "failures":  # failures per class: the rows' error_class counts
    want = collections.Counter(r["error_class"] for r in rows if r["error_class"])
    got = {k: v for k, v in s["failures"].items() if v}
    if got != dict(want):
        fail(f"failures {s['failures']}, rows say {dict(want)}")
elif what == "percentiles":  # every percentile within max(1 us, value/1000); min, max exact
    lat = s["latency_s"]
    xs = sorted(latency(r) for r in rows if r["status"] is not None)
    if not xs:
        fail("no answered rows")
    errors = []
    for key in ("min", "max"):
        want = xs[0] if key == "min" else xs[-1]
        if abs(lat[key] - want) > slack + 1e-9:
            errors.append(f"{key} {lat[key]} != {want:.6f}")
    for key in ("p50", "p90", "p99", "p99.9"):
        rank = math.ceil(fractions.Fraction(key[1:]) / 100 * len(xs))
        want = xs[rank - 1]
        if abs(lat[key] - want) > max(1e-6, want / 1000) + slack + 1e-9:
            errors.append(f"{key} {lat[key]} != {want:.6f} (rank {rank} of {len(xs)})")
    mean = sum(xs) / len(xs)
    if abs(lat["mean"] - mean) > max(1e-6, mean / 1000) + slack:
        errors.append(f"mean {lat['mean']} != {mean:.6f}")
    if not isinstance(lat.get("method"), str) or not lat["method"]:
        errors.append(f"method {lat.get('method')!r}")
    if errors:
        fail("; ".join(errors))
elif what == "closed":  # closed loop: open_loop null, no start_delay_s in the rows
    if is_open or any("start_delay_s" in r for r in rows):
        fail(f"open_loop {s['open_loop']}, start_delay_s in the rows")
elif what == "open":  # open RATE: open_loop.rate, every row's start_delay_s >= 0
    if not is_open or s["open_loop"]["rate"] != float(sys.argv[3]):
        fail(f"open_loop {s['open_loop']}, want rate {sys.argv[3]}")
    if not all(r.get("start_delay_s", -1) >= 0 for r in rows):
        fail("a row without start_delay_s >= 0")
elif what == "get":  # get KEY...: print summary[KEY][KEY]...
    v = s
    for k in sys.argv[3:]:
        v = v[k]
    print(v)
elif what == "fast_but_late":  # rows of /fast with seconds < 0.1 and start_delay_s > 0.2
    print(sum(1 for r in rows if r["url"].endswith("/fast") and r["seconds"] < 0.1
              and r["start_delay_s"] > 0.2))
elif what == "same":  # same OTHER: identical (index, url, status) rows, status counts, requests
    other = json.load(open(sys.argv[3]))
    key = lambda d: [(r["index"], r["url"], r["status"]) for r in d["rows"]]
    if key(doc) != key(other):
        fail("the (index, url, status) rows differ")
    if (s["status"], s["requests"]) != (other["summary"]["status"], other["summary"]["requests"]):
        fail(f"{s['status']} {s['requests']} vs {other['summary']['status']} "
             f"{other['summary']['requests']}")
else:
    fail("unknown check")
PY
summary() { /usr/bin/python3 "$tmp/summary.py" "$@"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
logged() { awk -v u="$1" '$4 == u' "$log/stamped.log" 2>/dev/null | wc -l; } # logged URI
# arrivals_ok URI SPAN GAP_LO GAP_HI: the server's arrival times (MSEC - REQUEST_TIME) of URI
# span SPAN s +/- 10%, and the median gap between consecutive arrivals is in [GAP_LO, GAP_HI].
arrivals_ok() {
  awk -v u="$1" '$4 == u { printf "%.3f\n", $1 - $2 }' "$log/stamped.log" |
    /usr/bin/python3 -c '
import statistics, sys
t = sorted(float(x) for x in sys.stdin)
span, lo, hi = map(float, sys.argv[1:])
gap = statistics.median(b - a for a, b in zip(t, t[1:]))
print(f"arrivals: {len(t)}, span {t[-1] - t[0]:.3f} s, median gap {gap * 1000:.1f} ms")
ok = 0.9 * span <= t[-1] - t[0] <= 1.1 * span and lo - 1e-6 <= gap <= hi + 1e-6
sys.exit(not ok)' "$2" "$3" "$4"
}

# 1. Percentiles and counts on a closed loop: 2000 requests cycling 5 URLs, one refused (its
# 400 rows have no HTTP answer: no latency), 404s answered (a latency, and a failure).
cat >"$tmp/mix.txt" <<EOF2
$H/status/200
$H/delay/0.01
$H/delay/0.003
$H/status/404
$TESTSITE_CLOSED/
EOF2
timeout 60 "$FETCH" -n 2000 -c 20 -i "$tmp/mix.txt" --format json >"$tmp/p.json" 2>"$tmp/p.err"
check "-n 2000 with failures: exit 1 (got $?)" [ $? -eq 1 ]
check "-n 2000: 2000 rows, requests 2000" summary requests "$tmp/p.json" 2000
check "-n 2000: request i fetched URL i mod 5" summary cycle "$tmp/p.json" "$tmp/mix.txt"
check "-n 2000: percentiles, min, max, mean from the answered rows" \
  summary percentiles "$tmp/p.json"
check "-n 2000: status counts, ok, failed, bytes as in the rows" summary counts "$tmp/p.json"
check "-n 2000: failures per class as in the rows" summary failures "$tmp/p.json"
check "-n 2000: closed loop, open_loop null" summary closed "$tmp/p.json"
check "JSON: the stderr summary is there" grep -q '^fetch: ' "$tmp/p.err"
# More than 1024 transfers on one event loop go through curl_multi_socket_action and epoll
# (fewer through curl_multi_poll): the same checks on that path, and on 2 event loops.
timeout 60 "$FETCH" -n 3000 -c 1500 -i "$tmp/mix.txt" --format json >"$tmp/pe.json" 2>/dev/null
check "-n 3000 -c 1500 (epoll): exit 1 (got $?)" [ $? -eq 1 ]
check "-n 3000 -c 1500: requests 3000, URL i mod 5" summary cycle "$tmp/pe.json" "$tmp/mix.txt"
check "-n 3000 -c 1500: counts as in the rows" summary counts "$tmp/pe.json"
check "-n 3000 -c 1500: percentiles from the rows" summary percentiles "$tmp/pe.json"
timeout 60 "$FETCH" -n 3000 -c 200 -t 2 -i "$tmp/mix.txt" --format json >"$tmp/pt.json" \
  2>/dev/null
check "-n 3000 -t 2: exit 1 (got $?)" [ $? -eq 1 ]
check "-n 3000 -t 2: counts as in the rows" summary counts "$tmp/pt.json"
# The stderr summary must say what the JSON says: its p99, where a number follows "p99 ".
p99=$(grep -oE '(^|[^.0-9])p99[ :=]+[0-9]+(\.[0-9]+)?' "$tmp/p.err" | head -1 | grep -oE '[0-9.]+$')
if [ -n "$p99" ]; then
  jp99=$(summary get "$tmp/p.json" latency_s p99)
  check "stderr p99 $p99 is the JSON's $jp99" /usr/bin/python3 -c '
import sys
a, b = sys.argv[1], float(sys.argv[2])
digits = len(a.split(".")[1]) if "." in a else 0
sys.exit(abs(float(a) - b) > 0.5 * 10 ** -digits + 1e-9)' "$p99" "$jp99"
else
  echo "note: no number after \"p99 \" on stderr; the stderr-vs-JSON p99 check skipped" >&2
fi
timeout 60 "$FETCH" -n 2000 -c 20 -i "$tmp/mix.txt" -o "$tmp/p.csv" 2>"$tmp/pc.err"
check "-n 2000 as CSV: exit 1 (got $?)" [ $? -eq 1 ]
check "-n 2000 as CSV: a header and 2000 rows" [ "$(wc -l <"$tmp/p.csv")" -eq 2001 ]
check "-n 2000 as CSV: 13 columns, no start_delay_s in a closed loop" \
  [ "$(head -1 "$tmp/p.csv" | awk -F, '{ print NF ":" $NF }')" = 13:error ]
check "-n 2000 as CSV: the stderr summary has a p99" grep -q 'p99' "$tmp/pc.err"

# 2. The open loop's spacing, by the server's clock: 500/s for 2 s is 1000 requests over 2 s,
# one every 2 ms (nginx logs milliseconds: the gaps read 1 to 3 ms).
timeout 60 "$FETCH" --rate 500 --duration 2 -c 100 "$H/stamped/0/even" --format json \
  >"$tmp/o.json" 2>"$tmp/o.err"
check "--rate 500 --duration 2: exit 0 (got $?)" [ $? -eq 0 ]
n=$(logged /stamped/0/even)
check "--rate 500 --duration 2: the server logged 1000 +/- 5% (got $n)" \
  [ "$n" -ge 950 -a "$n" -le 1050 ]
check "--rate 500: arrivals span 2 s, median gap 1 to 3 ms" \
  arrivals_ok /stamped/0/even 2 0.001 0.003
check "--rate 500: requests 1000" summary requests "$tmp/o.json" 1000
check "--rate 500: open_loop.rate 500, start_delay_s >= 0 in every row" \
  summary open "$tmp/o.json" 500
check "--rate 500: percentiles of start_delay_s + seconds" summary percentiles "$tmp/o.json"
check "--rate 500: status counts as in the rows" summary counts "$tmp/o.json"
timeout 60 "$FETCH" --rate 50 -n 10 "$H/stamped/0/csv" -o "$tmp/o.csv" 2>/dev/null
check "--rate 50 -n 10 as CSV: start_delay_s and latency_s last of 15 columns, 10 rows" \
  [ "$(awk -F, 'NR == 1 { h = NF ":" $(NF - 1) ":" $NF } NR > 1 && NF == 15 { n++ }
                END { print h, n }' "$tmp/o.csv")" = "15:start_delay_s:latency_s 10" ]
# A retry waits the 503's Retry-After (1 s): the open loop's latency holds it, curl's time of
# the last attempt does not.
timeout 60 "$FETCH" --rate 10 -n 2 --retries 1 --timeout 5 "$H/status/503" --format json \
  >"$tmp/rt.json" 2>/dev/null
check "--rate 10 --retries 1 on a 503: exit 1 (got $?)" [ $? -eq 1 ]
check "--rate 10 --retries 1: percentiles from latency_s" summary percentiles "$tmp/rt.json"
v=$(summary get "$tmp/rt.json" latency_s min)
check "--rate 10 --retries 1: the 1 s Retry-After in every latency (min $v)" ge "$v" 0.9
# The omp backend keeps the schedule: 4 threads at 200/s of 10 ms requests are seldom all busy.
timeout 60 "$FETCH" -b omp -c 4 --rate 200 -n 400 "$H/stamped/0.01/omp" --format json \
  >"$tmp/om.json" 2>/dev/null
check "-b omp --rate 200: exit 0 (got $?)" [ $? -eq 0 ]
check "-b omp --rate 200: the server logged 400" [ "$(logged /stamped/0.01/omp)" -eq 400 ]
v=$(summary get "$tmp/om.json" open_loop late)
check "-b omp --rate 200: at most 10% late (got $v)" [ "$v" -le 40 ]
check "-b omp --rate 200: percentiles from latency_s" summary percentiles "$tmp/om.json"
# Overloaded (1000/s of 0.3 s requests), -c 2 still means 2 in flight: the thread that paces
# the tasks runs none. The server's log gives each request's [arrival, end].
timeout 60 "$FETCH" -b omp -c 2 --rate 1000 -n 8 "$H/stamped/0.3/omp2" -o /dev/null 2>/dev/null
v=$(awk '$4 == "/stamped/0.3/omp2" { printf "%.3f 1\n%.3f -1\n", $1 - $2 + 0.002, $1 }' \
  "$log/stamped.log" | sort -n -k1,1 -k2,2 | awk '{ n += $2; if (n > m) m = n } END { print m }')
check "-b omp -c 2 --rate 1000: at most 2 requests at the server at once (got $v)" [ "$v" -le 2 ]
check "-b omp -c 2 --rate 1000: all 8 logged" [ "$(logged /stamped/0.3/omp2)" -eq 8 ]
check "--rate 50 -n 10: the server logged 10" [ "$(logged /stamped/0/csv)" -eq 10 ]

# 3. Coordinated omission: one request in 100 stalls 0.5 s and -c 1 holds the rest back. The
# open loop counts the wait in the latency (start_delay_s), curl's time does not.
{
  echo "$H/stamped/0.5/stall"
  for i in $(seq 1 99); do echo "$H/stamped/0/fast"; done
} >"$tmp/stall.txt"
timeout 60 "$FETCH" --rate 100 --duration 2 -c 1 -i "$tmp/stall.txt" --format json \
  >"$tmp/s.json" 2>/dev/null
check "stall, open loop: exit 0 (got $?)" [ $? -eq 0 ]
check "stall, open loop: 200 requests" summary requests "$tmp/s.json" 200
check "stall, open loop: percentiles of start_delay_s + seconds" summary percentiles "$tmp/s.json"
v=$(summary get "$tmp/s.json" latency_s p99)
check "stall, open loop: p99 >= 0.4 s (got $v)" ge "$v" 0.4
v=$(summary get "$tmp/s.json" open_loop late)
check "stall, open loop: late >= 40 (got $v)" ge "$v" 40
v=$(summary fast_but_late "$tmp/s.json")
check "stall, open loop: /fast rows with seconds < 0.1 s but start_delay_s > 0.2 s (got $v)" \
  ge "$v" 1
timeout 60 "$FETCH" -n 200 -c 1 -i "$tmp/stall.txt" --format json >"$tmp/sc.json" 2>/dev/null
check "stall, closed loop: exit 0 (got $?)" [ $? -eq 0 ]
check "stall, closed loop: percentiles of seconds" summary percentiles "$tmp/sc.json"
v=$(summary get "$tmp/sc.json" latency_s p90)
check "stall, closed loop: p90 < 0.1 s, the stalls hidden (got $v)" lt "$v" 0.1

# 4. The request as the server logs it, and the usage errors.
stamped() { awk -v u="$1" '$4 == u { print $3, $6, $7 }' "$log/stamped.log" 2>/dev/null; }
timeout 60 "$FETCH" -H 'X-Test: abc' "$H/stamped/0/hdr" >/dev/null 2>&1
check "-H 'X-Test: abc' reaches the server" [ "$(stamped /stamped/0/hdr)" = "GET HTTP/1.1 x=abc" ]
printf 'hello=world&x=1' >"$tmp/body.txt"
timeout 60 "$FETCH" -X POST -d @"$tmp/body.txt" "$H/echo-body" >/dev/null 2>&1
check "-X POST -d @FILE: the file's 15 bytes posted" \
  [ "$(tail -1 "$log/body.log" 2>/dev/null)" = "POST 15 hello=world&x=1" ]
timeout 60 "$FETCH" -d 'a=1' "$H/echo-body" >/dev/null 2>&1
check "-d alone: a POST of the text" [ "$(tail -1 "$log/body.log" 2>/dev/null)" = "POST 3 a=1" ]
timeout 60 "$FETCH" -X HEAD "$H/stamped/0/head" >/dev/null 2>&1
check "-X HEAD" [ "$(stamped /stamped/0/head)" = "HEAD HTTP/1.1 x=-" ]
# A load of HEADs keeps its connection: only the first of 5 on one slot connects.
timeout 60 "$FETCH" -X HEAD -n 5 -c 1 "$H/stamped/0/heads" -o "$tmp/heads.csv" 2>/dev/null
check "-X HEAD -n 5 -c 1: one connection (rows that connected: $(awk -F, 'NR > 1 && $6 > 0' \
  "$tmp/heads.csv" | wc -l))" [ "$(awk -F, 'NR > 1 && $6 > 0' "$tmp/heads.csv" | wc -l)" -eq 1 ]
# -d with --method head is refused as with -X HEAD.
exits_2 "-d with --method head" timeout 60 "$FETCH" -d x --method head "$H/echo-body"
timeout 60 "$FETCH" --http2 --insecure "$TESTSITE_TLS/stamped/0/h2" >/dev/null 2>&1
check "--http2 over TLS: exit 0 (got $?)" [ $? -eq 0 ]
check "--http2: HTTP/2.0 at the server" [ "$(stamped /stamped/0/h2)" = "GET HTTP/2.0 x=-" ]
timeout 60 "$FETCH" --http1.1 --insecure "$TESTSITE_TLS/stamped/0/h1" >/dev/null 2>&1
check "--http1.1 over TLS: exit 0 (got $?)" [ $? -eq 0 ]
check "--http1.1: HTTP/1.1 at the server" [ "$(stamped /stamped/0/h1)" = "GET HTTP/1.1 x=-" ]
exits_2 "a header with CR LF" timeout 60 "$FETCH" -H $'X-A: b\r\nX-B: c' "$H/stamped/0/crlf"
exits_2 "a header with LF" timeout 60 "$FETCH" -H $'X-A: b\nX-B: c' "$H/stamped/0/lf"
check "no request with a CR or LF header was sent" \
  [ "$(logged /stamped/0/crlf),$(logged /stamped/0/lf)" = 0,0 ]
exits_2 "-d with -X GET" timeout 60 "$FETCH" -d x -X GET "$H/echo-body"
exits_2 "-d with -X HEAD" timeout 60 "$FETCH" -d x -X HEAD "$H/echo-body"
exits_2 "-d @/nonexistent" timeout 60 "$FETCH" -d @/nonexistent "$H/echo-body"
# The body's limit is 64 MiB exactly: that much is sent (the server refuses it: 413, exit 1),
# one byte more is a usage error before any request.
truncate -s 64M "$tmp/64m.bin"
timeout 60 "$FETCH" -d @"$tmp/64m.bin" "$H/echo-body" -o "$tmp/64m.csv" 2>/dev/null
check "-d @FILE of exactly 64 MiB is sent (exit 1 on the server's 413, got $?)" \
  [ "$(awk -F, 'NR == 2 { print $3 }' "$tmp/64m.csv")" = 413 ]
truncate -s 67108865 "$tmp/64m.bin"
exits_2 "-d @FILE of 64 MiB + 1" timeout 60 "$FETCH" -d @"$tmp/64m.bin" "$H/echo-body"
exits_2 "--duration without --rate" timeout 60 "$FETCH" --duration 2 "$H/stamped/0/usage"
exits_2 "--rate 0" timeout 60 "$FETCH" --rate 0 "$H/stamped/0/usage"
check "no request from a usage error" [ "$(logged /stamped/0/usage)" -eq 0 ]

# 5. Ranks: the same rows and counts from 1 and 4 ranks (and the merged summary's percentiles
# from its rows); --rate is the rate of the whole job.
cat >"$tmp/ranks.txt" <<EOF2
$H/status/200
$H/status/404
$H/delay/0.005
EOF2
timeout 60 "$FETCH" -n 400 -i "$tmp/ranks.txt" --format json >"$tmp/r1.json" 2>/dev/null
check "1 rank, -n 400 with 404s: exit 1 (got $?)" [ $? -eq 1 ]
timeout 60 "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 4 "$FETCH" -n 400 -i "$tmp/ranks.txt" --format json \
  >"$tmp/r4.json" 2>/dev/null
check "4 ranks, -n 400 with 404s: exit 1 (got $?)" [ $? -eq 1 ]
check "4 ranks: 400 rows in input order" summary requests "$tmp/r4.json" 400
check "4 ranks: the rows, status counts and requests of 1 rank" \
  summary same "$tmp/r4.json" "$tmp/r1.json"
check "4 ranks: percentiles of the merged summary" summary percentiles "$tmp/r4.json"
check "4 ranks: status counts, ok, failed, bytes as in the rows" summary counts "$tmp/r4.json"
timeout 60 "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 4 "$FETCH" --rate 200 --duration 2 \
  "$H/stamped/0/ranks" --format json >"$tmp/ro.json" 2>/dev/null
check "4 ranks, --rate 200 --duration 2: exit 0 (got $?)" [ $? -eq 0 ]
n=$(logged /stamped/0/ranks)
check "4 ranks, --rate 200 --duration 2: the server logged 400 +/- 5% (got $n)" \
  [ "$n" -ge 380 -a "$n" -le 420 ]
check "4 ranks, --rate 200: open_loop.rate 200" summary open "$tmp/ro.json" 200
check "4 ranks, --rate 200: requests 400" summary requests "$tmp/ro.json" 400
finish
