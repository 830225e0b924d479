# testsite.sh - the local test site (scripts/testsite) answers every endpoint the IO tests
# rely on, checked with the curl command line, inside a private network namespace; two sites
# run at once on different ports; stop leaves no nginx behind. Skipped (77) where network
# namespaces are not permitted.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
run_inside "$root/scripts/netns" "$@"

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
curl_rc() { curl -s -o /dev/null "$@"; echo $?; }

"$root/scripts/testsite" start "$tmp/a" 4 >/dev/null
check "site a starts" [ -s "$tmp/a/env" ]
"$root/scripts/testsite" start "$tmp/b" 2 >/dev/null
check "site b starts beside it" [ -s "$tmp/b/env" ]
. "$tmp/a/env"
check "two sites, two ports" [ "$TESTSITE_HTTP" != "$(sed -n 's/^TESTSITE_HTTP=//p' "$tmp/b/env")" ]

check "/delay/0.1 answers ok" [ "$(curl -s "$TESTSITE_HTTP/delay/0.1")" = ok ]
for c in 200 204 404 410 429 500 503; do
  check "/status/$c" [ "$(code "$TESTSITE_HTTP/status/$c")" = "$c" ]
done
check "429 carries Retry-After" bash -c "curl -sI '$TESTSITE_HTTP/status/429' | grep -qi '^retry-after: 1'"
check "/redirect/3 is 3 redirects to 200" \
  [ "$(curl -s -o /dev/null -L -w '%{http_code} %{num_redirects}' "$TESTSITE_OTHER/redirect/3")" = "200 3" ]
check "/loop/a never ends (curl: too many redirects)" [ "$(curl_rc -L --max-redirs 5 "$TESTSITE_HTTP/loop/a")" = 47 ]
check "/bytes/1048576 is 1 MiB" [ "$(curl -s "$TESTSITE_HTTP/bytes/1048576" | wc -c)" = 1048576 ]
check "/drip is cut by a 2 s deadline (curl: timeout)" [ "$(curl_rc -m 2 "$TESTSITE_HTTP/drip")" = 28 ]
check "/hang never answers (curl: timeout)" [ "$(curl_rc -m 1 "$TESTSITE_HTTP/hang")" = 28 ]
check "/close closes without a response (curl: empty reply)" [ "$(curl_rc "$TESTSITE_HTTP/close")" = 52 ]
check "the TLS site's certificate is refused (curl: 60)" [ "$(curl_rc "$TESTSITE_TLS/")" = 60 ]
check "the closed port refuses (curl: 7)" [ "$(curl_rc "$TESTSITE_CLOSED/")" = 7 ]
check "the .invalid host does not resolve (curl: 6)" [ "$(curl_rc -m 5 "$TESTSITE_DNS/")" = 6 ]
check "the wiki links to every class" [ "$(curl -s "$TESTSITE_HTTP/wiki/Page_1.html" | grep -c '<li><a href')" -ge 14 ]
check "the big page is 50 MB" \
  [ "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$TESTSITE_HTTP/big.html")" = "200 52428800" ]
# Delays do not block the worker: 50 requests of 1 s each, all in flight, all answered
# within one 10 s deadline (serialised, they would need 50 s).
check "50 concurrent 1 s delays all answer" \
  [ "$(for i in $(seq 1 50); do echo "url = \"$TESTSITE_HTTP/delay/1\""; echo "output = /dev/null"; done |
       curl -s -Z --parallel-max 50 -m 10 -K - -w '%{http_code}\n' | grep -c 200)" = 50 ]

pids="$TESTSITE_PID $(sed -n 's/^TESTSITE_PID=//p' "$tmp/b/env")"
"$root/scripts/testsite" stop "$tmp/a"
"$root/scripts/testsite" stop "$tmp/b"
for pid in $pids; do
  check "stop leaves no nginx ($pid)" bash -c "! kill -0 $pid 2>/dev/null"
done
finish
