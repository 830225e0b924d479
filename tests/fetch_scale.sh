# fetch_scale.sh - fetch and linkcheck across ranks, against the local test site inside a
# private network namespace: the memory that grows with the list is split over the ranks, not
# copied to each, and no rank holds every result (summed peak RSS at 100,000 URLs minus at
# 1,000, on 1 and 4 ranks, within a budget per URL), the
# per-host limit holds for the whole job, counted at the server, and the rows are the same on
# 1, 8 and 16 (oversubscribed) ranks, with and without the limit (which deals by host).
# Skipped (77) where network namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
with_testsite 3
H=$TESTSITE_HTTP O=$TESTSITE_OTHER

# rss NP N: summed peak RSS (KiB, the results row's max_rss_kb) of fetch on NP ranks over N
# URLs that each answer at once.
rss() {
  local np=$1 n=$2
  [ -s "$tmp/u$n" ] || seq 1 "$n" | sed "s|^|$H/status/200?i=|" >"$tmp/u$n"
  rm -f "$tmp/rss.csv"
  mpi_run "$np" "$FETCH" -c 20 -i "$tmp/u$n" -o /dev/null --csv "$tmp/rss.csv" 2>"$tmp/rss.err" ||
    { cat "$tmp/rss.err" >&2; echo 0; return; }
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "max_rss_kb") c = i }
           NR == 2 { print $c }' "$tmp/rss.csv"
}
# Not in the checkers' builds (lib.sh's quick): there the peak RSS is the sanitizer's shadow
# and quarantine of freed memory, not the program's.
if ! quick; then
  one=$(($(rss 1 100000) - $(rss 1 1000)))
  four=$(($(rss 4 100000) - $(rss 4 1000)))
  echo "memory that grows with 100000 URLs, summed over the ranks: $one KiB on 1 rank, $four KiB on 4"
  # Per URL (99,000 more, about 55 bytes each): 1 rank holds the list and a pointer, not the
  # results (those wait in chunks freed as written: about 385 B a URL before); 4 ranks add
  # each rank's share (its URLs and places, the list once over all ranks), rank 0's owners
  # and its copy while dealing: about 3 lists, where a list copied to every rank would be 5.
  check "1 rank: the list, not the results: $one KiB <= 120 B x 99,000" \
    awk -v b="$one" 'BEGIN { exit !(b > 0 && b * 1024 <= 120 * 99000) }'
  check "4 ranks: the list split, not copied: $four KiB <= 250 B x 99,000" \
    awk -v a="$four" 'BEGIN { exit !(a > 0 && a * 1024 <= 250 * 99000) }'
fi

# --max-per-host across ranks: the most connections the server saw at once, minus the probe.
# Without the limit 4 ranks x 10 transfers show many more (else the count proves nothing).
peak_during() { # peak_during NP FETCH-ARGS...: the most connections the server saw (lib.sh)
  local np=$1
  shift
  for i in $(seq 1 40); do echo "$H/delay/0.3"; done >"$tmp/slow.txt"
  server_peak mpi_run "$np" "$FETCH" -i "$tmp/slow.txt" "$@" -o /dev/null 2>/dev/null
}
for b in multi omp; do
  peak=$(peak_during 4 -b "$b" -c 10 --max-per-host 3)
  check "4 ranks, $b, --max-per-host 3: at most 3 connections to the host (saw $peak)" [ "$peak" -le 3 ]
done
peak=$(peak_during 4 -b multi -c 10)
check "4 ranks without the limit: the probe sees more than 3 (saw $peak)" [ "$peak" -gt 3 ]

# The same rows on 1, 8 and 16 ranks: fetch on two hosts (dealt round-robin, and by host
# with the limit), linkcheck on the wiki.
cols() { cut -d, -f1,2,3,4,9,10,11,12 "$1"; } # fetch's columns that do not depend on timing
for i in $(seq 1 30); do echo "$H/status/200?i=$i"; echo "$O/status/404?i=$i"; echo "$H/redirect/2"; done >"$tmp/two.txt"
"$FETCH" -c 4 -i "$tmp/two.txt" -o "$tmp/f1.csv" 2>/dev/null
check "fetch on one rank: 90 rows" [ "$(wc -l <"$tmp/f1.csv")" -eq 91 ]
for np in 8 16; do
  for limit in "" "--max-per-host 2"; do
    # shellcheck disable=SC2086 # limit is a list of options
    mpi_run "$np" "$FETCH" -c 4 $limit -i "$tmp/two.txt" -o "$tmp/f$np.csv" 2>/dev/null
    check "fetch on $np ranks ${limit:-round-robin}: exit 1 (the 404s)" [ $? -eq 1 ]
    check "fetch on $np ranks ${limit:-round-robin}: the same rows in input order" \
      diff <(cols "$tmp/f1.csv") <(cols "$tmp/f$np.csv")
  done
done
lcols() { cut -d, -f1-4 "$1"; }
pages=("$H/wiki/Page_1.html" "$H/wiki/Page_2.html" "$H/wiki/Page_3.html")
"$LINKCHECK" --timeout 1 -c 8 "${pages[@]}" >"$tmp/l1.csv" 2>/dev/null
for np in 8 16; do
  mpi_run "$np" "$LINKCHECK" --timeout 1 -c 8 "${pages[@]}" >"$tmp/l$np.csv" 2>/dev/null
  check "linkcheck on $np ranks: exit 1 (broken links)" [ $? -eq 1 ]
  check "linkcheck on $np ranks: the same rows" diff <(lcols "$tmp/l1.csv") <(lcols "$tmp/l$np.csv")
done
finish
