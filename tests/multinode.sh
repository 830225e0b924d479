# multinode.sh - runs that really cross nodes: inside scripts/multinode (two network and UTS
# namespaces, nodeA and nodeB, joined by a veth pair; Open MPI over TCP only, reaching nodeB
# through its own remote-shell agent), pow finds 4 coins that OpenSSL confirms with ranks on
# both nodes, sieve and trial give the published prime counts, the bytes counted on the veth
# show that the ranks talked over it, and the run sidecar records 2 nodes.
# Skipped (77) where namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
run_inside "$root/scripts/multinode" "$@"
hosts=(--host nodeA:2,nodeB:2)
tx() { awk -F: '$1 ~ /^ *veth-a$/ { split($2, f, " "); print f[9] }' /proc/net/dev; } # sent by nodeA

check "the launch reaches both nodes" \
  [ "$("$MPIEXEC" -np 2 --host nodeA:1,nodeB:1 hostname | sort | tr '\n' ' ')" = "nodeA nodeB " ]

before=$(tx)
"$MPIEXEC" -np 4 "${hosts[@]}" "$POW" --coins 4 -v --csv "$tmp/rows.csv" >"$tmp/coins" 2>"$tmp/err"
check "pow on 4 ranks over 2 nodes: exit 0" [ $? -eq 0 ]
check "pow: 4 coins, each confirmed by openssl" coins_ok "$tmp/coins" 4 50 5
check "pow: ranks 0 and 1 on nodeA" [ "$(grep -cE 'map: host=nodeA rank=[01]/4 ' "$tmp/err")" -eq 2 ]
check "pow: ranks 2 and 3 on nodeB" [ "$(grep -cE 'map: host=nodeB rank=[23]/4 ' "$tmp/err")" -eq 2 ]
check "pow: each node sees 2 local ranks" [ "$(grep -c ' local=[01]/2 ' "$tmp/err")" -eq 4 ]
crossed=$(( $(tx) - before ))
# The same run on nodeA alone, for contrast: its ranks have nothing to send over the veth.
before=$(tx)
"$MPIEXEC" -np 4 --host nodeA:4 "$POW" --coins 4 >/dev/null 2>&1
alone=$(( $(tx) - before ))
echo "multinode.sh: nodeA sent $crossed bytes over the veth with ranks on both nodes, $alone with all on nodeA"
check "the ranks talked over the veth: at least 4 kB more than with every rank on nodeA" \
  [ "$crossed" -gt $(( alone + 4000 )) ]
check "the sidecar records 4 ranks on 2 nodes" \
  grep -qE '^[^,]+,[^,]+,nodeA,.*,4,2,1,core,' "$tmp/rows.csv.runs"

out=$("$MPIEXEC" -np 4 "${hosts[@]}" "$SIEVE" 1e9 -q 2>"$tmp/err")
check "sieve over 2 nodes: pi(10^9) = 50847534 (got $out)" [ "$out" = 50847534 ]
out=$("$MPIEXEC" -np 4 "${hosts[@]}" "$TRIAL" --count 0:1e6 2>"$tmp/err" | tail -n 1)
check "trial over 2 nodes: pi(10^6) = 78498 (got $out)" grep -q 78498 <<<"$out"
finish
