# pow_selftest.sh - pow --test passes and prints only OK lines.
. "$(dirname "$0")/lib.sh"
"$POW" --test >"$tmp/out" 2>&1
check "--test exits 0" [ $? -eq 0 ]
check "--test prints no ERROR" bash -c "! grep -q ERROR '$tmp/out'"
check "--test prints at least 10 OK lines" [ "$(grep -c '^OK' "$tmp/out")" -ge 10 ]
finish
