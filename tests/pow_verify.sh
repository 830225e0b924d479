# pow_verify.sh - pow --verify accepts coins and rejects every kind of tampering, with exit 1
# and a reason per bad line. The coins were found with Python's hashlib, not with pow.
. "$(dirname "$0")/lib.sh"

good1="14159265358979323846264338327950288419716932236181 9e3122e091da0a3640f4986cfc200000"
good2="14159265358979323846264338327950288419716933738243"
good3="14159265358979323846264338327950288419716934071466 C9428C4BBDE3B25D1999225EA6D00000"

printf '%s\n%s\n\n%s\n' "$good1" "$good2" "$good3" | "$POW" --verify >"$tmp/out" 2>"$tmp/err"
check "good coins: exit 0" [ $? -eq 0 ]
check "good coins: three ok lines" [ "$(grep -c '^ok ' "$tmp/out")" -eq 3 ]

bad_line() { # bad_line LINE REASON-PATTERN: rejected with exit 1 and the reason named
  printf '%s\n%s\n' "$good1" "$1" | "$POW" --verify >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc -eq 1 ] || { echo "'$1': exit $rc, want 1" >&2; return 1; }
  grep -q "^bad line 2: .*$2" "$tmp/out" || { echo "'$1': got $(cat "$tmp/out")" >&2; return 1; }
  grep -q '^ok ' "$tmp/out" || { echo "'$1': the good line was not accepted" >&2; return 1; }
}
check "last digit changed" bad_line "14159265358979323846264338327950288419716932236182" "does not end in 5 zeros"
check "wrong stated md5" bad_line "14159265358979323846264338327950288419716932236181 0e3122e091da0a3640f4986cfc200000" "is not the real MD5"
check "too short" bad_line "1415926535897932384626433832795028841971693223618" "has 49 digits"
check "letters" bad_line "1415926535897932384626433832795028841971693223618a" "not a decimal digit"
check "extra field" bad_line "$good1 extra" "unexpected text"

: | "$POW" --verify >"$tmp/out" 2>"$tmp/err"
check "empty input: exit 2" [ $? -eq 2 ]

# The same coins under other rules: 49 digits or 6 zeros make them bad.
printf '%s\n' "$good1" | "$POW" --verify --zeros 6 >"$tmp/out" 2>/dev/null
check "--zeros 6 rejects a 5-zero coin" [ $? -eq 1 ]
printf '%s\n' "$good1" | "$POW" --verify --zeros 4 >"$tmp/out" 2>/dev/null
check "--zeros 4 accepts a 5-zero coin" [ $? -eq 0 ]
finish
