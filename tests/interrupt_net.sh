# interrupt_net.sh - SIGINT and SIGTERM in the IO programs, against the local test site in a
# private network namespace: fetch (event loop and thread pool) and linkcheck stop within a
# second with the rows of the requests that finished, the summary row partial, exit 130 / 143;
# linkcheck --resume, stopped again and again (SIGKILL and SIGTERM), reports every link once
# and never requests again a link whose check had finished (the server's log says so).
# Skipped (77) where network namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
with_testsite 3
log=$tmp/site/logs/logged.log

# 200 requests of 1 s each, 10 at a time: 20 s; stopped after 1.5 s.
for i in $(seq 200); do echo "$TESTSITE_HTTP/delay/1"; done >"$tmp/urls"
for backend in multi omp; do
  stop_after 1.5 INT "$FETCH" -i "$tmp/urls" -c 10 --backend "$backend" --csv "$tmp/f.csv"
  check "fetch $backend SIGINT: exit 130 (got $rc)" [ "$rc" -eq 130 ]
  check "fetch $backend SIGINT: stopped in $took ms (< 1000)" [ "$took" -lt 1000 ]
  rows=$(($(wc -l <"$tmp/out") - 1))
  check "fetch $backend SIGINT: the 10 requests that finished, all ok ($rows rows)" \
    [ "$rows" -eq 10 ] && [ "$(grep -c ',200,' "$tmp/out")" -eq 10 ]
  check "fetch $backend SIGINT: the summary row: 10 items, partial" \
    grep -q ",10,[0-9.]*,[0-9.]*,requests,ok=10 failed=0 .*,1\$" "$tmp/f.csv"
done

# linkcheck --resume: a page of 120 links that each take 0.2 s, checked 10 at a time (2.4 s),
# stopped every 0.3-0.8 s until it finishes. Before each run, the links the state file holds
# are noted; the server must not see any of them again.
for i in $(seq 120); do echo "<a href=\"$TESTSITE_HTTP/logged/0.2/$i\">$i</a>"; done >"$tmp/page.html"
stops=0 again=0
while :; do
  awk -F'\t' 'NR > 1 { print $8 }' "$tmp/state" 2>/dev/null | sed 's|^[a-z]*://[^/]*||' |
    sort >"$tmp/done_before"
  lines_before=$(wc -l <"$log" 2>/dev/null || echo 0)
  "$LINKCHECK" -c 10 --resume "$tmp/state" --csv "$tmp/l.csv" "$tmp/page.html" >"$tmp/rows" 2>"$tmp/err" &
  pid=$!
  sleep "0.$((RANDOM % 6 + 3))"
  alive=0
  if kill -0 "$pid" 2>/dev/null; then
    alive=1
    if [ $((stops % 2)) -eq 0 ]; then kill -KILL "$pid"; else kill -TERM "$pid"; fi
    stops=$((stops + 1))
  fi
  wait "$pid"
  rc=$?
  # Requests this run made for links the state already held.
  tail -n +"$((lines_before + 1))" "$log" | awk '{ print $7 }' | sort -u >"$tmp/asked"
  again=$((again + $(comm -12 "$tmp/done_before" "$tmp/asked" | wc -l)))
  [ "$alive" -eq 1 ] || break
  [ "$stops" -lt 60 ] || break
done
check "linkcheck --resume: finished after $stops stops, exit 0 (got $rc)" [ "$rc" -eq 0 ]
check "linkcheck --resume: stopped at least 3 times" [ "$stops" -ge 3 ]
check "linkcheck --resume: no finished check was requested again ($again were)" [ "$again" -eq 0 ]
check "linkcheck --resume: the last run reports all 120 links, each once" \
  [ "$(tail -n +2 "$tmp/rows" | cut -d, -f1 | sort -u | wc -l)" -eq 120 ] &&
  [ "$(tail -n +2 "$tmp/rows" | wc -l)" -eq 120 ]
check "linkcheck --resume: SIGTERM runs wrote partial rows" \
  [ "$(tail -n +2 "$tmp/l.csv" | awk -F, '$NF == 1' | wc -l)" -ge 1 ]
check "linkcheck --resume: the finishing run's row is whole" [ "$(last_field "$tmp/l.csv")" = 0 ]
printf 'linkcheck-resume 1\nL\tbogus\n' >"$tmp/bad"
exits_2 "linkcheck: a corrupt --resume file" "$LINKCHECK" --resume "$tmp/bad" "$tmp/page.html"
finish
