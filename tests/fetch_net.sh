# fetch_net.sh - fetch against the project's local test site, inside a private network
# namespace: every error class from a real server, the total deadline on a dripping body,
# Retry-After, HEAD refused, the per-host limit counted at the server, the same rows from the
# three backends and from 1, 2 and 4 ranks, malformed input, JSON, the open-file check.
# Skipped (77) where network namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
with_testsite 2
H=$TESTSITE_HTTP

# field CSV ROW_INDEX COLUMN: one field of fetch's output (no commas inside the fields used).
field() { awk -F, -v i="$2" -v c="$3" 'NR == i + 2 { print $c }' "$1"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
cols() { cut -d, -f1,2,3,4,9,10,11,12 "$1"; } # the columns that do not depend on timing

cat >"$tmp/mixed.txt" <<EOF2
$H/status/200
$H/redirect/3
$H/status/404
$H/status/500
$TESTSITE_CLOSED/
$TESTSITE_DNS/
$TESTSITE_TLS/
$H/loop/a
$H/close
$H/bytes/1024
ftp://example.invalid/
not a url
$TESTSITE_OTHER/status/204
$H/delay/0.2
EOF2

"$FETCH" -i "$tmp/mixed.txt" -o "$tmp/m.csv" 2>"$tmp/err"
check "broken URLs exit 1" [ $? -eq 1 ]
check "one row per URL and a header" [ "$(wc -l <"$tmp/m.csv")" -eq 15 ]
check "200" [ "$(field "$tmp/m.csv" 0 3)" = 200 ]
check "redirects followed: 3, final URL /redirect/0" \
  [ "$(field "$tmp/m.csv" 1 10),$(field "$tmp/m.csv" 1 11)" = "3,$H/redirect/0" ]
check "404 is a status, not an error class" [ "$(field "$tmp/m.csv" 2 3),$(field "$tmp/m.csv" 2 12)" = "404," ]
check "refused" [ "$(field "$tmp/m.csv" 4 12)" = refused ]
check "dns" [ "$(field "$tmp/m.csv" 5 12)" = dns ]
check "tls (self-signed)" [ "$(field "$tmp/m.csv" 6 12)" = tls ]
check "too many redirects" [ "$(field "$tmp/m.csv" 7 12)" = "too many redirects" ]
check "protocol (closed without an answer)" [ "$(field "$tmp/m.csv" 8 12)" = protocol ]
check "body bytes counted" [ "$(field "$tmp/m.csv" 9 4)" = 1024 ]
check "ftp is refused as a bad url" [ "$(field "$tmp/m.csv" 10 12)" = "bad url" ]
check "text that is no URL is a bad url" [ "$(field "$tmp/m.csv" 11 12)" = "bad url" ]
check "--insecure is off: no TLS row succeeded" [ -z "$(field "$tmp/m.csv" 6 3)" ]
# An http:// URL curl cannot parse: bad url with the parser's reason, no final URL.
"$FETCH" 'http://exa mple.com/' 'http://127.0.0.1:99999/' -o "$tmp/bad.csv" 2>/dev/null
check "malformed http URLs: bad url, the reason, no final URL" [ "$(awk -F, 'NR > 1 {
  print $11 "|" $12 "|" $13 }' "$tmp/bad.csv")" = "|bad url|not a URL: Bad hostname
|bad url|not a URL: Port number was not a decimal number between 0 and 65535" ]
check "the summary line on stderr" grep -q "^fetch: 14 requests in .* 9 failed" "$tmp/err"

# The same rows from every backend, and from 1, 2 and 4 ranks.
for b in seq omp multi; do
  "$FETCH" -b "$b" -c 4 -i "$tmp/mixed.txt" -o "$tmp/b_$b.csv" 2>/dev/null
  check "backend $b: the same rows as multi" diff <(cols "$tmp/m.csv") <(cols "$tmp/b_$b.csv")
done
for np in 1 2 4; do
  mpi_run "$np" "$FETCH" -c 3 -i "$tmp/mixed.txt" -o "$tmp/r_$np.csv" 2>/dev/null
  check "$np ranks: exit 1 (failed URLs), every rank ends cleanly" [ $? -eq 1 ]
  check "$np ranks: the same rows in input order" diff <(cols "$tmp/m.csv") <(cols "$tmp/r_$np.csv")
done

# --timeout is a total deadline: headers arrive at once, then one byte a second.
start=$(date +%s.%N)
"$FETCH" --timeout 1.5 "$H/drip" -o "$tmp/drip.csv" 2>/dev/null
took=$(since "$start")
check "the dripping body is cut off as a timeout" [ "$(field "$tmp/drip.csv" 0 12)" = timeout ]
check "within the deadline (took $took s)" less "$took" 4

# Retries wait for Retry-After (1 s here), then report the last answer.
start=$(date +%s.%N)
"$FETCH" --retries 2 "$H/status/429" -o "$tmp/429.csv" 2>/dev/null
took=$(since "$start")
check "429: three attempts" [ "$(field "$tmp/429.csv" 0 9)" = 3 ]
check "429: waited Retry-After twice (took $took s)" less 2 "$took"
check "no retries by default" [ "$("$FETCH" "$H/status/503" 2>/dev/null | awk -F, 'NR==2{print $9}')" = 1 ]

# HEAD refused: head,get asks again with GET.
check "head,get falls back to GET" \
  [ "$("$FETCH" --method head,get "$H/nohead" 2>/dev/null | awk -F, 'NR==2{print $3 "/" $9}')" = 200/2 ]
check "head alone reports the 405" \
  [ "$("$FETCH" --method head "$H/nohead" 2>/dev/null | awk -F, 'NR==2{print $3}')" = 405 ]
check "--max-redirects 2 stops /redirect/3" \
  [ "$("$FETCH" --max-redirects 2 "$H/redirect/3" 2>/dev/null | awk -F, 'NR==2{print $12}')" = "too many redirects" ]
check "--max-bytes caps the body" \
  [ "$("$FETCH" --max-bytes 1000 "$H/bytes/1048576" 2>/dev/null | awk -F, 'NR==2{print $12}')" = "too large" ]

# --max-per-host: count the connections nginx holds open while fetch runs, from a probe on
# the same server. Without the limit the probe must see many (else it proves nothing).
peak_during() { # peak_during FETCH-ARGS...: the most connections the server saw (lib.sh)
  for i in $(seq 1 40); do echo "$H/delay/0.2"; done >"$tmp/slow.txt"
  server_peak "$FETCH" -c 40 -i "$tmp/slow.txt" "$@" -o /dev/null 2>/dev/null
}
for b in omp multi; do
  peak=$(peak_during -b $b --max-per-host 3)
  check "$b --max-per-host 3: at most 3 connections (saw $peak)" [ "$peak" -le 3 ]
done
peak=$(peak_during -b multi)
check "without the limit the probe sees more (saw $peak)" [ "$peak" -gt 10 ]
start=$(date +%s.%N)
"$FETCH" --host-interval 100 "$H/status/200" "$H/status/200" "$H/status/200" "$H/status/200" -o /dev/null 2>/dev/null
took=$(since "$start")
check "--host-interval 100: 4 starts take >= 0.3 s (took $took s)" less 0.3 "$took"

# Completion order streams rows as they finish.
"$FETCH" --order completion "$H/delay/0.5" "$H/status/200" -o "$tmp/c.csv" 2>/dev/null
check "completion order: the fast one first" [ "$(field "$tmp/c.csv" 0 1)" = 1 ]
"$FETCH" --order input "$H/delay/0.5" "$H/status/200" -o "$tmp/c.csv" 2>/dev/null
check "input order: as given" [ "$(field "$tmp/c.csv" 0 1)" = 0 ]

# JSON: one valid object (the rows and the summary), nothing else on stdout.
"$FETCH" --format json -i "$tmp/mixed.txt" >"$tmp/j.json" 2>/dev/null
check "--format json is valid JSON with 14 rows and a summary" /usr/bin/python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["rows"]
assert "summary" in doc
assert len(rows) == 14 and rows[0]["status"] == 200 and rows[4]["status"] is None
assert rows[4]["error_class"] == "refused"' "$tmp/j.json"

# Input errors: exit 2 with one line.
exits_2 "no URLs in an empty file" "$FETCH" -i /dev/null
exits_2 "an unreadable file" "$FETCH" -i "$tmp/none.txt"
head -c 4096 /dev/urandom >"$tmp/garbage.bin"
printf 'http://x/\0y\n' >>"$tmp/garbage.bin"
exits_2 "binary garbage as the URL list" "$FETCH" -i "$tmp/garbage.bin"
exits_2 "an unknown backend" "$FETCH" -b threads "$H/"
exits_2 "operands and -i together" "$FETCH" -i "$tmp/mixed.txt" "$H/"
exits_2 "a concurrency beyond the open-file limit" bash -c "ulimit -n 256; exec '$FETCH' -c 5000 '$H/'"
# --bind: fetch places no threads on cores, so core is refused and none is what it does.
exits_2 "--bind core (fetch places no threads)" "$FETCH" --bind core "$H/"
"$FETCH" --bind none "$H/status/200" >/dev/null 2>&1
check "--bind none is accepted" [ $? -eq 0 ]

# --csv: the summary row in the results schema, and its run sidecar.
"$FETCH" -c 5 --csv "$tmp/r.csv" -i "$tmp/mixed.txt" >/dev/null 2>&1
check "--csv writes a fetch row" bash -c "tail -1 '$tmp/r.csv' | grep -q '^3,fetch,multi,1,5,.*,14,.*,requests,ok=5 failed=9 received_bytes='"
check "--csv: the run sidecar, fetch places no threads" grep -q ',1,1,0,unplaced,' "$tmp/r.csv.runs"
# --latency-rows: one more row per URL, its own time, the same run id as the summary.
"$FETCH" -c 5 --csv "$tmp/l.csv" --latency-rows --tag lat -i "$tmp/mixed.txt" >/dev/null 2>&1
check "--latency-rows: 14 request rows and the summary" \
  [ "$(grep -c ',1,[0-9.]*,[0-9.]*,request,status=' "$tmp/l.csv"),$(grep -c ',requests,ok=5' "$tmp/l.csv")" = 14,1 ]
check "--latency-rows: the 404 row" grep -q '^3,fetch,multi,1,5,url=2 urls=14 concurrency=5 tag=lat,1,.*,request,status=404 ok,' "$tmp/l.csv"
check "--tag: on every row" [ "$(grep -c ' tag=lat,' "$tmp/l.csv")" -eq 15 ]
check "--latency-rows: one run id" [ "$(tail -n +2 "$tmp/l.csv" | awk -F, '{ print $(NF - 1) }' | sort -u | wc -l)" -eq 1 ]
finish
