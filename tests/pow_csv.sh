# pow_csv.sh - --csv appends one row per run in the shared schema, header once.
. "$(dirname "$0")/lib.sh"
csv="$tmp/r.csv"
auto=$("$POW" --kernel list | awk '/\(auto\)/ { print $1 }') # the variant column names the kernel
mpi 2 --coins 2 --csv "$csv" >/dev/null 2>&1
mpi 1 --coins 1 -t 2 --csv "$csv" >/dev/null 2>&1
check "header once, two rows" [ "$(wc -l <"$csv")" -eq 3 ]
check "header is the schema" grep -q '^schema,tool,variant,ranks,threads,params,items,seconds,rate,unit,result,host,cpu,timestamp,version,cpu_user_s,cpu_sys_s,max_rss_kb$' "$csv"
check "row 1: pow, 2 ranks x 1 thread" grep -q "^1,pow,$auto,2,1,digits=50 zeros=5 coins=2 " "$csv"
check "row 2: pow, 1 rank x 2 threads" grep -q "^1,pow,$auto,1,2," "$csv"
check "rows record their result" [ "$(grep -c 'coins=2 bad=0' "$csv")" -eq 1 ]
# Each row's rate equals items / seconds.
check "rate = items / seconds" awk -F, 'NR > 1 { r = $7 / $8; if ($9 < 0.99 * r || $9 > 1.01 * r) exit 1 }' "$csv"
"$POW" --coins 1 --csv /nonexistent/dir/r.csv >/dev/null 2>"$tmp/err"
check "unwritable CSV: exit 3 and a message" [ $? -eq 3 ]
check "unwritable CSV: names the file" grep -q '/nonexistent/dir/r.csv' "$tmp/err"
finish
