# linkcheck_net.sh - linkcheck against the local test site's wiki, inside a private network
# namespace: every link class classified right, --accept, --internal, --include/--exclude,
# <base href>, local files and directories, JSON, the same rows from every backend and from
# 1, 2 and 4 ranks, garbage and huge pages, input errors, the no-argument demo.
# Skipped (77) where network namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
with_testsite 3
H=$TESTSITE_HTTP O=$TESTSITE_OTHER
fast=(--timeout 1) # /hang would otherwise hold each run for the 5 s default

class_of() { awk -F, -v u="$2" '$1 == u { print $2 }' "$1"; } # class_of CSV URL
cols() { cut -d, -f1-4 "$1"; } # url, class, status, final_url: not the timings in messages

"$LINKCHECK" "${fast[@]}" "$H/wiki/Page_1.html" "$H/wiki/Page_2.html" >"$tmp/w.csv" 2>"$tmp/w.err"
check "broken links exit 1" [ $? -eq 1 ]
check "the header" [ "$(head -1 "$tmp/w.csv")" = "url,class,status,final_url,seconds,error,pages,count,retry_after" ]
while read -r url want; do
  check "$url is $want" [ "$(class_of "$tmp/w.csv" "$url")" = "$want" ]
done <<EOF2
$O/status/200 ok
$O/redirect/2 redirected
$O/status/404 client error
$O/status/410 client error
$O/status/500 server error
$O/status/429 rate limited
$O/status/503 rate limited
$O/hang timeout
$TESTSITE_CLOSED/ refused
http://no-such-host.invalid/page dns failure
$TESTSITE_TLS/ tls error
$O/loop/a too many redirects
$O/close protocol error
EOF2
check "the fragment is dropped: one row for status/200, seen 4 times on 2 pages" \
  [ "$(grep -c "^$O/status/200," "$tmp/w.csv")" = 1 ] 
check "count and pages" grep -q "^$O/status/200,ok,200,,.*,$H/wiki/Page_1.html $H/wiki/Page_2.html,4,\$" "$tmp/w.csv"
check "the redirect's final URL" grep -q "^$O/redirect/2,redirected,200,$O/redirect/0," "$tmp/w.csv"
check "a 404 has its status" grep -q "^$O/status/404,client error,404," "$tmp/w.csv"
check "no status without an answer" grep -q "^$TESTSITE_CLOSED/,refused,,," "$tmp/w.csv"
check "internal links, mailto: and #fragments are not checked" bash -c "! cut -d, -f1 '$tmp/w.csv' | grep -q -e Page_ -e mailto -e '#'"
check "the summary counts classes on stderr" grep -q "^  rate limited  *2\$" "$tmp/w.err"
check "the summary names the broken count" grep -q "^linkcheck: 9 broken links" "$tmp/w.err"
check "the summary lists the slowest hosts" grep -q "slowest hosts" "$tmp/w.err"

"$LINKCHECK" "${fast[@]}" --internal "$H/wiki/Page_1.html" >"$tmp/i.csv" 2>/dev/null
check "--internal checks same-host links" [ "$(class_of "$tmp/i.csv" "$H/wiki/Page_2.html")" = ok ]
"$LINKCHECK" "${fast[@]}" --accept 200-299,404 "$H/wiki/Page_1.html" >"$tmp/a.csv" 2>/dev/null
check "--accept 200-299,404: the 404 is ok" [ "$(class_of "$tmp/a.csv" "$O/status/404")" = ok ]
"$LINKCHECK" --include '/status/' --exclude '/status/(4|5)' "$H/wiki/Page_1.html" >"$tmp/f.csv" 2>/dev/null
check "--include and --exclude: only status/200 is left" [ "$(cut -d, -f1 "$tmp/f.csv" | tail -n +2)" = "$O/status/200" ]
check "a clean selection exits 0" "$LINKCHECK" --include '/status/2' "$H/wiki/Page_1.html" -o /dev/null
"$LINKCHECK" "$H/wiki/base.html" >"$tmp/b.csv" 2>/dev/null
check "<base href> resolves relative links" [ "$(class_of "$tmp/b.csv" "$O/wiki/Page_1.html")" = ok ]

# The same rows from every backend and from 1, 2 and 4 ranks.
for b in seq omp multi; do
  "$LINKCHECK" "${fast[@]}" -b $b -c 8 "$H/wiki/Page_1.html" "$H/wiki/Page_2.html" >"$tmp/b_$b.csv" 2>/dev/null
  check "backend $b: the same rows" diff <(cols "$tmp/w.csv") <(cols "$tmp/b_$b.csv")
done
for np in 1 2 4; do
  mpi_run "$np" "$LINKCHECK" "${fast[@]}" -c 8 "$H/wiki/Page_1.html" "$H/wiki/Page_2.html" >"$tmp/r_$np.csv" 2>/dev/null
  check "$np ranks: exit 1 (broken links), every rank ends cleanly" [ $? -eq 1 ]
  check "$np ranks: the same rows" diff <(cols "$tmp/w.csv") <(cols "$tmp/r_$np.csv")
done

# JSON: pure JSON on stdout.
"$LINKCHECK" "${fast[@]}" --format json "$H/wiki/Page_1.html" >"$tmp/j.json" 2>/dev/null
check "--format json is valid JSON, one object per link" /usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 14, len(rows)
by = {r["url"]: r for r in rows}
r = by[sys.argv[2] + "/status/404"]
assert r["class"] == "client error" and r["status"] == 404 and r["count"] == 1 and len(r["pages"]) == 1
assert by[sys.argv[3] + "/"]["status"] is None' "$tmp/j.json" "$O" "$TESTSITE_CLOSED"

# Local files and directories.
mkdir -p "$tmp/pages/sub"
printf '<a href="%s/status/200">x</a> <a href="other.html">local</a>\n' "$O" >"$tmp/pages/a.html"
printf '<A HREF="%s/status/204">y</A>\n' "$O" >"$tmp/pages/sub/b.htm"
echo 'not a page' >"$tmp/pages/notes.txt"
"$LINKCHECK" "$tmp/pages" >"$tmp/d.csv" 2>/dev/null
check "a directory: its pages, a missing local file, exit 1" [ $? -eq 1 ]
check "a directory: both pages' links, the local one, nothing from .txt" [ "$(tail -n +2 "$tmp/d.csv" | cut -d, -f1 | sort | tr '\n' ' ')" = "file://$tmp/pages/other.html $O/status/200 $O/status/204 " ]
check "the local link is a missing file" grep -q "^file://$tmp/pages/other.html,missing file," "$tmp/d.csv"
check "a file page names itself in pages" grep -q ",$tmp/pages/a.html,1,\$" "$tmp/d.csv"

# Garbage and size.
head -c 200000 /dev/urandom >"$tmp/garbage.html"
check "binary garbage as HTML: no crash, exit 0" "$LINKCHECK" "$tmp/garbage.html" -o /dev/null
check "the 50 MB page parses (1.6 million same-page links)" bash -c "'$LINKCHECK' '$H/big.html' 2>&1 >/dev/null | grep -q '1588751 links found'"
/usr/bin/python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("<html><body>\n")
    for i in range(100000):
        f.write(f"<a href=\"{sys.argv[2]}/status/200?i={i}\">{i}</a>\n")
    f.write("</body></html>\n")' "$tmp/many.html" "$O"
"$LINKCHECK" -c 200 "$tmp/many.html" >"$tmp/many.csv" 2>/dev/null
check "100,000 links on one page: all checked, all ok" [ "$(grep -c ',ok,200,' "$tmp/many.csv")" = 100000 ]

# Input errors: exit 2.
"$LINKCHECK" "$tmp/none.html" >/dev/null 2>"$tmp/e"
check "a missing page: exit 2" [ $? -eq 2 ]
check "a missing page: named on stderr" grep -q "none.html" "$tmp/e"
"$LINKCHECK" "$H/status/404" >/dev/null 2>&1
check "a page URL answering 404: exit 2" [ $? -eq 2 ]
exits_2 "a bad --accept" "$LINKCHECK" --accept 200-abc "$H/"
exits_2 "a bad regex" "$LINKCHECK" --include '(' "$H/"
exits_2 "--bind core (linkcheck places no threads)" "$LINKCHECK" --bind core "$H/"

# No arguments: the teaching scenario, on its own site.
"$LINKCHECK" --timeout 1 >"$tmp/demo.csv" 2>"$tmp/demo.err"
check "the demo runs and finds broken links (exit 1)" [ $? -eq 1 ]
check "the demo read 100 pages" grep -q "^linkcheck: 100 pages" "$tmp/demo.err"
check "the demo covers every class" [ "$(tail -n +2 "$tmp/demo.csv" | cut -d, -f2 | sort -u | wc -l)" -ge 11 ]
finish
