# linkcheck_crawl.sh - linkcheck --recursive on the test site's /site/: every page reached
# from the index, every red link and every external link reported, text/plain not parsed,
# robots.txt honoured (and --ignore-robots), --depth, --scope, fragments on fetched pages
# (ids, <a name>, in-page links), -H headers, and the same rows on 1 and 4 ranks.
. "$(dirname "$0")/lib.sh"
with_testsite 20
H=$TESTSITE_HTTP O=$TESTSITE_OTHER
cls() { awk -F, -v u="$2" '$1 == u { print $2 }' "$1"; } # cls CSV URL
fast=(--timeout 2) # the 13 /delay/10 links would otherwise hold each run for 5 s
S=$H/site

"$LINKCHECK" "${fast[@]}" -r "$S/index.html" >"$tmp/c.csv" 2>"$tmp/c.err"
check "a crawl with red links: exit 1" [ $? -eq 1 ]
check "the index and every page: 21 pages read" grep -q "^linkcheck: 21 pages" "$tmp/c.err"
for i in $(seq 1 20); do
  check "Page_$i.html is a checked link, ok" [ "$(cls "$tmp/c.csv" "$S/Page_$i.html")" = ok ]
done
for red in Missing_10.html Missing_20.html Missing_index.html; do
  check "the red link $red: client error" [ "$(cls "$tmp/c.csv" "$S/$red")" = "client error" ]
done
check "external links of every page: 20 x /status/404?p=" [ "$(grep -c "^$O/status/404?p=[0-9]*,client error," "$tmp/c.csv")" = 20 ]
check "notes.txt is checked (ok) but not parsed" [ "$(cls "$tmp/c.csv" "$S/notes.txt")" = ok ]
check "... its link is never followed" bash -c "! grep -q Never_Crawled '$tmp/c.csv'"
check "robots.txt: private/ neither fetched nor reported" bash -c "! grep -q -e private/secret -e p=secret '$tmp/c.csv'"
check "robots.txt: the summary counts the link it kept out" grep -q "1 disallowed by robots.txt" "$tmp/c.err"
check "each link once" [ "$(tail -n +2 "$tmp/c.csv" | cut -d, -f1 | sort | uniq -d | wc -l)" = 0 ]

"$LINKCHECK" "${fast[@]}" "$S/Page_1.html" "$S/Page_1.html" >/dev/null 2>"$tmp/twice.err"
check "a page named twice is read once" grep -q "^linkcheck: 1 pages" "$tmp/twice.err"

"$LINKCHECK" "${fast[@]}" -r --ignore-robots "$S/index.html" >"$tmp/i.csv" 2>/dev/null
check "--ignore-robots: private/secret.html crawled" [ "$(cls "$tmp/i.csv" "$S/private/secret.html")" = ok ]
check "--ignore-robots: and its link checked" [ "$(cls "$tmp/i.csv" "$O/status/500?p=secret")" = "server error" ]

"$LINKCHECK" "${fast[@]}" -r --depth 1 "$S/Page_1.html" >"$tmp/d.csv" 2>"$tmp/d.err"
check "--depth 1: Page_1 and the pages it links, read" grep -q "^linkcheck: 3 pages" "$tmp/d.err"
check "--depth 1: Page_3.html (a link on Page_2) checked" [ "$(cls "$tmp/d.csv" "$S/Page_3.html")" = ok ]
check "--depth 1: Page_3.html is not read (its links are not there)" bash -c "! grep -q '^$O/status/404?p=3,' '$tmp/d.csv'"

"$LINKCHECK" "${fast[@]}" -r --scope prefix "$S/index.html" >"$tmp/p.csv" 2>/dev/null
check "--scope prefix under /site/: the same rows as --scope host" diff <(cut -d, -f1-3 "$tmp/c.csv") <(cut -d, -f1-3 "$tmp/p.csv")
"$LINKCHECK" "${fast[@]}" -r --scope prefix "$H/site/private/secret.html" --ignore-robots >"$tmp/q.csv" 2>"$tmp/q.err"
check "--scope prefix: nothing above the start's directory is crawled" grep -q "^linkcheck: 1 pages" "$tmp/q.err"

"$LINKCHECK" "${fast[@]}" -r --fragments "$S/index.html" >"$tmp/f.csv" 2>/dev/null
while read -r url want; do
  check "--fragments: $url is $want" [ "$(cls "$tmp/f.csv" "$url")" = "$want" ]
done <<EOF2
$S/Page_2.html#sec2 ok
$S/Page_1.html#old-anchor ok
$S/Page_1.html#top ok
$S/Page_1.html#no-such-fragment missing fragment
EOF2

printf '<a href="%s/html#nowhere">x</a> <a href="%s/text#x">y</a> <a href="%s/Page_2.html#sec2">z</a>\n' \
  "$O" "$O" "$S" >"$tmp/hf.html"
"$LINKCHECK" --method head --fragments "$tmp/hf.html" >"$tmp/hf.csv" 2>/dev/null
check "--fragments with --method head: the body is read, the anchor is missing" \
  [ "$(cls "$tmp/hf.csv" "$O/html#nowhere")" = "missing fragment" ]
check "--fragments with --method head: an anchor that is there is found" \
  [ "$(cls "$tmp/hf.csv" "$S/Page_2.html#sec2")" = ok ]
check "--fragments: a fragment on a text/plain target is not judged" [ "$(cls "$tmp/hf.csv" "$O/text#x")" = ok ]

printf '<a href="%s/auth">auth</a>\n' "$O" >"$tmp/auth.html"
"$LINKCHECK" "$tmp/auth.html" >"$tmp/a0.csv" 2>/dev/null
check "without -H the token-protected link is a 401" [ "$(cls "$tmp/a0.csv" "$O/auth")" = "client error" ]
"$LINKCHECK" -H 'Authorization: Bearer hpckit-token' "$tmp/auth.html" >"$tmp/a1.csv" 2>/dev/null
check "-H 'Authorization: Bearer ...' reaches the server" [ "$(cls "$tmp/a1.csv" "$O/auth")" = ok ]
exits_2 "-H with a line break" "$LINKCHECK" -H $'X-A: b\r\nX-B: c' "$tmp/auth.html"
exits_2 "-H without a colon" "$LINKCHECK" -H 'no colon' "$tmp/auth.html"

for np in 1 4; do
  mpi_run "$np" "$LINKCHECK" "${fast[@]}" -r --fragments "$S/index.html" >"$tmp/np$np.csv" 2>"$tmp/np$np.err"
  check "$np ranks: exit 1" [ $? -eq 1 ]
  check "$np ranks: the same rows as one process" diff <(cut -d, -f1-4 "$tmp/f.csv") <(cut -d, -f1-4 "$tmp/np$np.csv")
done
finish
