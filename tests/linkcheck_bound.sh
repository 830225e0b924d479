# linkcheck_bound.sh - linkcheck finishes at its bound and never misreads a link, against the
# local test site: a Retry-After longer than the deadline is reported at once (rate limited,
# with the server's Retry-After in the row), --max-retry-wait waits it; a HEAD to a handler
# that runs on after its headers (/drip, /slow-body) no longer poisons the pooled connection
# for the fast links after it (on the old code one of them read "timeout" after the deadline);
# a HEAD that fails falls back to GET; and the realistic site (/site/: about 400 external
# links, 13 past the deadline, 2 answering 429 with Retry-After: 60) checked three times with
# every fast link read right. Times here are hang guards with wide margins: the old code
# took 60 s where the bound is 5 s.
. "$(dirname "$0")/lib.sh"
with_testsite 100
H=$TESTSITE_HTTP O=$TESTSITE_OTHER
cls() { awk -F, -v u="$2" '$1 == u { print $2 }' "$1"; } # cls CSV URL
col() { awk -F, -v u="$2" -v c="$3" '$1 == u { print $c }' "$1"; } # col CSV URL COLUMN
now() { date +%s.%N; }
within() { awk -v a="$1" -v b="$(now)" -v s="$2" 'BEGIN { exit !(b - a < s) }'; } # within T0 S

printf '<a href="%s/ratelimit/60">a</a> <a href="%s/status/200">b</a>\n' "$O" "$O" >"$tmp/rl.html"
t0=$(now)
"$LINKCHECK" "$tmp/rl.html" >"$tmp/rl.csv" 2>/dev/null
check "Retry-After: 60 past the 5 s deadline: not waited (done well inside 20 s)" within "$t0" 20
check "... the link is rate limited" [ "$(cls "$tmp/rl.csv" "$O/ratelimit/60")" = "rate limited" ]
check "... the row carries the server's Retry-After" [ "$(col "$tmp/rl.csv" "$O/ratelimit/60" 9)" = 60 ]
check "... one attempt: the seconds are the answer's, not a wait" \
  awk -v s="$(col "$tmp/rl.csv" "$O/ratelimit/60" 5)" 'BEGIN { exit !(s < 1) }'
check "... rate limited is not broken: exit 0" "$LINKCHECK" "$tmp/rl.html" -o /dev/null

printf '<a href="%s/ratelimit/1">a</a>\n' "$O" >"$tmp/rl1.html"
t0=$(now)
"$LINKCHECK" --timeout 1 --max-retry-wait 2 --retries 2 "$tmp/rl1.html" >"$tmp/w.csv" 2>/dev/null
check "--max-retry-wait 2: Retry-After: 1 waited twice past a 1 s deadline" \
  bash -c "! within $t0 2"
check "... and still rate limited" [ "$(cls "$tmp/w.csv" "$O/ratelimit/1")" = "rate limited" ]
t0=$(now)
"$LINKCHECK" --timeout 1 "$tmp/rl1.html" >"$tmp/w1.csv" 2>/dev/null
check "without it, Retry-After: 1 does not fit a 1 s deadline: at once" within "$t0" 0.9

# The poisoned connection: HEAD /drip (or /slow-body), then fast links on the same host, two
# transfers in flight so that they take turns on the pooled connections.
{
  echo "<a href=\"$O/drip\">drip</a> <a href=\"$O/slow-body\">slow body</a>"
  for i in $(seq 1 40); do echo "<a href=\"$O/status/404?i=$i\">fast $i</a>"; done
} >"$tmp/poison.html"
for m in head head,get get; do
  for run in 1 2 3; do
    "$LINKCHECK" -c 2 --method "$m" "$tmp/poison.html" >"$tmp/p.csv" 2>/dev/null
    check "--method $m, run $run: all 40 fast links read 404, none a timeout" \
      [ "$(grep -c ",client error,404," "$tmp/p.csv")" = 40 ]
    check "--method $m, run $run: /drip and /slow-body answer 200 (their body is not waited)" \
      [ "$(cls "$tmp/p.csv" "$O/drip")$(cls "$tmp/p.csv" "$O/slow-body")" = okok ]
  done
done

printf '<a href="%s/nohead">a</a> <a href="%s/hang">b</a>\n' "$O" "$O" >"$tmp/h.html"
t0=$(now)
"$LINKCHECK" --method head,get --timeout 2 "$tmp/h.html" >"$tmp/h.csv" 2>/dev/null
check "head,get: a HEAD refused with 405 is asked again with GET" [ "$(cls "$tmp/h.csv" "$O/nohead")" = ok ]
check "head,get: a HEAD that times out has no GET after the deadline (done inside 3.5 s)" within "$t0" 3.5
check "... and is a timeout" [ "$(cls "$tmp/h.csv" "$O/hang")" = timeout ]

check "head,get with --max-retry-wait 0: the GET still follows a refused HEAD" \
  bash -c "'$LINKCHECK' --method head,get --max-retry-wait 0 '$tmp/h.html' --include nohead | grep -q ',ok,200,'"

# A link's deadline starts with its request, not while it waits for its host's turn.
for i in 1 2 3 4 5; do echo "<a href=\"$O/status/200?turn=$i\">$i</a>"; done >"$tmp/turns.html"
"$LINKCHECK" --host-interval 700 --timeout 2 "$tmp/turns.html" >"$tmp/turns.csv" 2>/dev/null
check "--host-interval 700 --timeout 2: the fifth link, started after 2.8 s, is still ok" \
  [ "$(grep -c ',ok,200,' "$tmp/turns.csv")" = 5 ]

# The realistic site, every page named, at the default 5 s deadline, three times.
pages=("$H/site/index.html")
for i in $(seq 1 100); do pages+=("$H/site/Page_$i.html"); done
for run in 1 2 3; do
  t0=$(now)
  "$LINKCHECK" -c 100 "${pages[@]}" >"$tmp/s.csv" 2>"$tmp/s.err"
  check "site run $run: broken links, exit 1" [ $? -eq 1 ]
  check "site run $run: done near the 5 s bound (inside 15 s)" within "$t0" 15
  check "site run $run: exactly the 13 slow links time out" [ "$(grep -c ',timeout,' "$tmp/s.csv")" = 13 ]
  check "site run $run: every one of them is a /delay/10 link" [ "$(grep ',timeout,' "$tmp/s.csv" | grep -c "^$O/delay/10?")" = 13 ]
  check "site run $run: all 100 fast 404s read 404" [ "$(grep -c "^$O/status/404?p=[0-9]*,client error,404," "$tmp/s.csv")" = 100 ]
  check "site run $run: all 100 edit links read 404" [ "$(grep -c "^$O/w/index.php?[^,]*,client error,404," "$tmp/s.csv")" = 100 ]
  check "site run $run: all 100 fast 200s read ok" [ "$(grep -c "^$O/status/200?p=[0-9]*,ok,200," "$tmp/s.csv")" = 100 ]
  check "site run $run: the two 429s are rate limited with Retry-After 60" [ "$(grep -c ",rate limited,429,.*,60$" "$tmp/s.csv")" = 2 ]
done
finish
