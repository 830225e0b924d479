# pow_csv.sh - --csv appends one row per run in the shared schema, header once, and one line
# per run to the sidecar CSV.runs, joined by run_id.
. "$(dirname "$0")/lib.sh"
csv="$tmp/r.csv"
auto=$("$POW" --kernel list | awk '/\(auto\)/ { print $1 }') # the variant column names the kernel
mpi 2 --coins 2 --csv "$csv" >/dev/null 2>&1
mpi 1 --coins 1 -t 2 --csv "$csv" >/dev/null 2>&1
check "header once, two rows" [ "$(wc -l <"$csv")" -eq 3 ]
check "header is the schema" grep -q '^schema,tool,variant,ranks,threads,params,items,seconds,rate,unit,result,host,cpu,timestamp,version,cpu_user_s,cpu_sys_s,max_rss_kb,run_id,partial$' "$csv"
check "row 1: pow, 2 ranks x 1 thread" grep -q "^3,pow,$auto,2,1,digits=50 zeros=5 coins=2 " "$csv"
check "row 2: pow, 1 rank x 2 threads" grep -q "^3,pow,$auto,1,2," "$csv"
check "whole runs: partial is 0" awk -F, 'NR > 1 && $NF != 0 { exit 1 }' "$csv"
check "rows record their result" [ "$(grep -c 'coins=2 bad=0' "$csv")" -eq 1 ]
# Each row's rate equals items / seconds.
check "rate = items / seconds" awk -F, 'NR > 1 { r = $7 / $8; if ($9 < 0.99 * r || $9 > 1.01 * r) exit 1 }' "$csv"
# The sidecar: one line per run, the same run ids, the layout and command line of each.
runs="$csv.runs"
check "sidecar: header and two runs" [ "$(wc -l <"$runs")" -eq 3 ]
check "sidecar: header" grep -q '^run_id,timestamp,host,cpu,cores,pus,l1d_kb,l2_kb,l3_kb,ranks,nodes,threads,bind,command,omp_env,slurm_env,mpi,hwloc,curl,openssl,source$' "$runs"
check "sidecar: the rows' run ids" [ "$(tail -n +2 "$csv" | awk -F, '{ print $(NF - 1) }' | sort)" = "$(tail -n +2 "$runs" | cut -d, -f1 | sort)" ]
check "sidecar: 2 ranks x 1 thread on 1 node, its command" grep -q ",2,1,1,core,[^,]*pow --coins 2 --csv $csv," "$runs"
check "sidecar: 1 rank x 2 threads" grep -q ",1,1,2,core,[^,]*pow --coins 1 -t 2 --csv $csv," "$runs"
check "sidecar: library versions" grep -q ',Open MPI v[0-9][^,]*,[0-9.]*,[0-9.]*,OpenSSL [0-9]' "$runs"
"$POW" --coins 1 --csv /nonexistent/dir/r.csv >/dev/null 2>"$tmp/err"
check "unwritable CSV: exit 3 and a message" [ $? -eq 3 ]
check "unwritable CSV: names the file" grep -q '/nonexistent/dir/r.csv' "$tmp/err"
# A row that rank 0 alone fails to write, in the middle of a run of collective steps, must end
# the run on every rank (exit 3), not leave the others waiting in the next collective. The
# timeout only catches a hang.
for run in "sieve:$SIEVE -t 1" "race:$RACE --method atomic,none --repeat 1 --tasks 10 -t 1" \
           "trial:$TRIAL -t 1" "pow:$POW --coins 2 -t 1"; do
  timeout 240 "$MPIEXEC" "$MPIEXEC_NUMPROC_FLAG" 2 ${run#*:} --csv /nonexistent/dir/r.csv \
    >/dev/null 2>"$tmp/err"
  rc=$?
  check "${run%%:*} on 2 ranks, unwritable CSV mid-run: exit 3, no hang (got $rc)" [ "$rc" -eq 3 ]
done
finish
