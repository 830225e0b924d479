# pow_cli.sh - command-line contract: bad arguments give exit 2 and one line on stderr naming
# the problem; --help and --version print to stdout and exit 0.
. "$(dirname "$0")/lib.sh"

usage_error() { # usage_error WORD ARGS...: exit 2, one stderr line mentioning WORD, no stdout
  local word=$1
  shift
  "$POW" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc -eq 2 ] || { echo "pow $*: exit $rc, want 2" >&2; return 1; }
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "pow $*: stderr:" >&2; cat "$tmp/err" >&2; return 1; }
  grep -q -- "$word" "$tmp/err" || { echo "pow $*: '$word' not in: $(cat "$tmp/err")" >&2; return 1; }
  [ ! -s "$tmp/out" ] || { echo "pow $*: wrote to stdout" >&2; return 1; }
}

check "--coins -1" usage_error "--coins" --coins -1
check "--digits 99" usage_error "--digits" --digits 99
check "--digits 0" usage_error "--digits" --digits 0
check "--zeros x" usage_error "--zeros" --zeros x
check "--zeros 33" usage_error "--zeros" --zeros 33
check "unknown long option" usage_error "--bogus" --bogus
check "unknown short option" usage_error "-Q" -Q
check "missing argument" usage_error "--digits" --digits
printf 'schema,tool,variant\n1,pow,scalar\n' >"$tmp/old.csv"
check "--csv on a file of another schema, refused before the run" usage_error "another schema" --csv "$tmp/old.csv"
check "--candidates 0" usage_error "--candidates" --candidates 0
check "--candidates with --resume" usage_error "--candidates" --candidates 1e6 --resume "$tmp/state"
check "--coins 0 alone" usage_error "--seconds" --coins 0
check "--seconds -1" usage_error "--seconds" --seconds -1
check "--seconds abc" usage_error "--seconds" --seconds abc
check "--threads 0" usage_error "--threads" --threads 0
check "--bind maybe" usage_error "--bind" --bind maybe
check "--kernel nope" usage_error "--kernel" --kernel nope
check "stray argument" usage_error "stray" stray
check "--coins 1e30" usage_error "--coins" --coins 1e30

check "--help exits 0" "$POW" --help >"$tmp/help"
check "--help names every option" grep -q -- "--zeros" "$tmp/help"
check "--help documents exit status" grep -q "Exit status" "$tmp/help"
check "--version exits 0" "$POW" --version >"$tmp/version"
check "--version prints pow and a version" grep -Eq '^pow [0-9]+\.[0-9]+\.[0-9]+' "$tmp/version"
finish
