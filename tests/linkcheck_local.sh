# linkcheck_local.sh - linkcheck on local trees, no server: links between files looked up on
# disk (missing files, directories with and without index.html, percent-encoded names, links
# from the root directory, symbolic link loops walked once), Markdown read with cmark (inline,
# reference and autolinks, HTML inside it), fragments against ids, <a name> and GitHub heading
# slugs, --dump, --format markdown, --all-elements, this project's own Markdown documentation
# (the CI use), and the same rows on 1 and 4 ranks.
. "$(dirname "$0")/lib.sh"
d=$tmp/docs
mkdir -p "$d/sub" "$d/empty" "$d/with space" "$d/img"
cat >"$d/guide.html" <<'HTML'
<html><body><h1 id="top">Guide</h1><a name="old"></a>
<a href="sub/">a directory with index.html</a> <a href="empty/">one without</a>
<a href="missing.html">missing</a> <a href="with%20space/page.html">percent-encoded</a>
<a href="/sub/index.html">from the root</a> <a href="/nowhere.html">from the root, missing</a>
<a href="#top">in page</a> <a href="#old">in page, a name</a> <a href="#nowhere">in page, missing</a>
<a href="sub/index.html#s1">fragment</a> <a href="sub/index.html#s2">missing fragment</a>
<a href="README.md#hello-world">heading slug</a> <a href="README.md#api-fetch_run--friends">slug with punctuation</a>
<a href="README.md#hello-world-1">a duplicate heading</a> <a href="README.md#nope">missing slug</a>
<img src="img/logo.png"> <img src="img/none.png"> <script src="app.js"></script>
<a href="mailto:a@example.invalid">mail</a>
</body></html>
HTML
echo '<html><body><h2 id="s1">S1</h2><a href="../guide.html">up</a></body></html>' >"$d/sub/index.html"
echo '<p>page</p>' >"$d/with space/page.html"
echo png >"$d/img/logo.png"
ln -s .. "$d/sub/loop" # walked once: the tree holds each page once
cat >"$d/README.md" <<'MD'
# Hello World

An [inline link](guide.html), a [missing one](nothere.md), a [reference][r], a
[collapsed][] one, and <file:///no/such/autolink.html> beside `[code](not-a-link.md)`.

```
[fenced](not-a-link-either.md)
```

<a href="sub/">raw HTML</a>

## API: `fetch_run()` & friends

# Hello World

[r]: sub/
[collapsed]: empty/

A [directory listing](img/) is fine from Markdown alone (a Git host shows it).
MD

"$LINKCHECK" "$d" >"$tmp/l.csv" 2>"$tmp/l.err"
check "broken local links: exit 1" [ $? -eq 1 ]
cls() { awk -F, -v u="$2" '$1 == u { print $2 }' "$1"; } # cls CSV URL
u=file://$d
while read -r url want; do
  check "$url is $want" [ "$(cls "$tmp/l.csv" "$url")" = "$want" ]
done <<EOF2
$u/sub/ ok
$u/empty/ missing file
$u/missing.html missing file
$u/with%20space/page.html ok
$u/sub/index.html ok
$u/nowhere.html missing file
$u/guide.html ok
$u/nothere.md missing file
$u/README.md ok
$u/img/ ok
EOF2
check "a bare directory linked from HTML says why" grep -q "^$u/empty/,missing file,.*a directory without index.html" "$tmp/l.csv"
check "a link from the root directory resolves under it" grep -q "^$u/nowhere.html," "$tmp/l.csv"
check "Markdown: inline, reference and collapsed reference links" bash -c "grep -q '^$u/empty/,' '$tmp/l.csv' && grep -c '^$u/sub/,' '$tmp/l.csv' | grep -qx 1"
check "Markdown: an autolink" grep -q "^file:///no/such/autolink.html,missing file" "$tmp/l.csv"
check "Markdown: nothing from code spans or fenced code" bash -c "! grep -q not-a-link '$tmp/l.csv'"
check "the symbolic link loop is walked once: 4 pages" grep -q "^linkcheck: 4 pages" "$tmp/l.err"
check "fragments are dropped without --fragments" bash -c "! cut -d, -f1 '$tmp/l.csv' | grep -q '#'"
check "img and script only with --all-elements" bash -c "! grep -q -e logo.png -e app.js '$tmp/l.csv'"
check "mailto: is not a file" bash -c "! grep -q mailto '$tmp/l.csv'"

"$LINKCHECK" --fragments "$d" >"$tmp/f.csv" 2>/dev/null
while read -r url want; do
  check "--fragments: $url is $want" [ "$(cls "$tmp/f.csv" "$url")" = "$want" ]
done <<EOF2
$u/guide.html#top ok
$u/guide.html#old ok
$u/guide.html#nowhere missing fragment
$u/sub/index.html#s1 ok
$u/sub/index.html#s2 missing fragment
$u/README.md#hello-world ok
$u/README.md#api-fetch_run--friends ok
$u/README.md#hello-world-1 ok
$u/README.md#nope missing fragment
EOF2
check "--fragments: a link to a missing file with a fragment is a missing file" \
  [ "$(cls "$tmp/f.csv" "$u/missing.html")" = "missing file" ]

"$LINKCHECK" --all-elements "$d" >"$tmp/a.csv" 2>/dev/null
check "--all-elements: img src found" [ "$(cls "$tmp/a.csv" "$u/img/logo.png")" = ok ]
check "--all-elements: a missing image" [ "$(cls "$tmp/a.csv" "$u/img/none.png")" = "missing file" ]
check "--all-elements: script src" [ "$(cls "$tmp/a.csv" "$u/app.js")" = "missing file" ]

mkdir -p "$tmp/root/site" "$tmp/other"
echo '<a href="/x.html">x</a>' >"$tmp/other/p.html"
echo x >"$tmp/root/x.html"
"$LINKCHECK" --root-dir "$tmp/root" "$tmp/other/p.html" >"$tmp/r.csv" 2>/dev/null
check "--root-dir: /x.html under it" [ "$(cls "$tmp/r.csv" "file://$tmp/root/x.html")" = ok ]
"$LINKCHECK" "$tmp/other/p.html" >"$tmp/r2.csv" 2>/dev/null
check "no --root-dir: the file's directory" [ "$(cls "$tmp/r2.csv" "file://$tmp/other/x.html")" = "missing file" ]
exits_2 "--root-dir that does not exist" "$LINKCHECK" --root-dir "$tmp/none" "$tmp/other/p.html"

"$LINKCHECK" --dump "$d" >"$tmp/dump" 2>/dev/null
check "--dump: exit 0, the links one per line, as the rows" diff "$tmp/dump" <(tail -n +2 "$tmp/l.csv" | cut -d, -f1)
"$LINKCHECK" --format markdown "$d" >"$tmp/m.md" 2>/dev/null
broken=$(grep -c ',missing file,' "$tmp/l.csv")
check "--format markdown: a heading with the broken count ($broken)" grep -q "^## linkcheck: $broken broken links" "$tmp/m.md"
check "--format markdown: the broken links in a table" grep -q "^| $u/empty/ | missing file |  | $d/" "$tmp/m.md"
check "--format markdown: the class counts" grep -q "^| missing file (broken) | $broken |" "$tmp/m.md"
check "--format markdown: one table line per broken link" [ "$(grep -c "^| file://" "$tmp/m.md")" = "$broken" ]

# The CI use: this project's own Markdown documentation, links and #anchors included.
top=$(cd "$(dirname "$0")/.." && pwd)
(cd "$top" && "$LINKCHECK" --fragments --include '^file:' README.md ./*/README.md src/*/README.md) \
  >"$tmp/self.csv" 2>"$tmp/self.err"
check "this project's Markdown documentation: no broken link ($(grep -vc ',ok,' "$tmp/self.csv") rows not ok)" \
  [ "$(tail -n +2 "$tmp/self.csv" | grep -vc ',ok,')" = 0 ]
check "... and it has links to check" [ "$(tail -n +2 "$tmp/self.csv" | wc -l)" -ge 20 ]

for np in 1 4; do
  mpi_run "$np" "$LINKCHECK" --fragments "$d" >"$tmp/np$np.csv" 2>/dev/null
  check "$np ranks: the same rows" diff <(cut -d, -f1-4 "$tmp/f.csv") <(cut -d, -f1-4 "$tmp/np$np.csv")
done
finish
