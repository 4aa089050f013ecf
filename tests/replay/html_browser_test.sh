#!/usr/bin/env bash
# The --html page in a real browser, Debian's chromium headless: it loads without a script error, its script runs
# to the end (body data-rendered="ok"), it shows the findings, hostile text stays text, the token is redacted, a
# click on a table header sorts the table; and a screenshot is left in the build folder (html_report.png). A page
# with a deliberate error proves the error hook works, so "no script-errors element" means something. Without
# chromium the test FAILS, it does not skip: scripts/install-deps.sh installs it.
# Usage: html_browser_test.sh HTML_REPORT_SAMPLE BUILD_DIR
set -uo pipefail
sample=$1
build=$2

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  echo "FAIL: chromium is not installed (scripts/install-deps.sh installs Debian's chromium package)" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home  # chromium writes caches and crash reports under HOME: never the user's, nor root's in CI
mkdir -p "$HOME"

passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $description"
  fi
}
has() { grep -qF -- "$1" "$2"; }
lacks() { ! grep -qF -- "$1" "$2"; }

runs=0
# browser ARGS...: headless chromium, at most 60 s, a fresh profile each time (works as root, leaves nothing behind).
browser() {
  runs=$((runs + 1))
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --disable-extensions --disable-background-networking --user-data-dir="$work/profile-$runs" "$@" \
    2>>"$work/chromium.log"
}
# dump PAGE OUT: the DOM after load and scripts, as chromium serialises it.
dump() {
  if ! browser --dump-dom "file://$1" >"$2"; then
    echo "chromium failed on $1; its log:" >&2
    tail -20 "$work/chromium.log" >&2
    return 1
  fi
}

check "sample writes the fuzz page" "$sample" "$work/fuzz.html"
check "sample writes the probe page" "$sample" "$work/probe.html" probe

# The fuzz page: the buckets with their reproducers.
check "chromium loads the fuzz page" dump "$work/fuzz.html" "$work/fuzz.dom"
check "fuzz page: script ran to the end" has 'data-rendered="ok"' "$work/fuzz.dom"
check "fuzz page: no script error" lacks 'id="script-errors"' "$work/fuzz.dom"
check "fuzz page: shows a bucket key" has 'addPet accepted-invalid maxLength body:/name 200' "$work/fuzz.dom"
check "fuzz page: shows a reproducer id" has '<dt>reproducer</dt><dd>fuzz-00000</dd>' "$work/fuzz.dom"
check "fuzz page: shows a case file" has 'fuzz-findings/fuzz-00000.json' "$work/fuzz.dom"
check "fuzz page: shows the latency chart" has '<svg id="latency-chart"' "$work/fuzz.dom"
check "fuzz page: token redacted" lacks 's3cr3t-sample-token' "$work/fuzz.dom"
check "fuzz page: [REDACTED] shown" has '[REDACTED]' "$work/fuzz.dom"

# The probe page: the findings as cases, one of them with a hostile detail that must stay text.
check "chromium loads the probe page" dump "$work/probe.html" "$work/probe.dom"
check "probe page: script ran to the end" has 'data-rendered="ok"' "$work/probe.dom"
check "probe page: no script error" lacks 'id="script-errors"' "$work/probe.dom"
check "probe page: shows a finding id" has '<code>fuzz-00000</code>' "$work/probe.dom"
check "probe page: hostile detail shown as text" has '&lt;script&gt;alert(2)&lt;/script&gt;' "$work/probe.dom"
check "probe page: hostile detail made no element" lacks '<img' "$work/probe.dom"

# The error hook itself: a page with a broken script gets the visible script-errors element.
sed 's|</body>|<script>no_such_function();</script></body>|' "$work/fuzz.html" >"$work/broken.html"
check "chromium loads the broken page" dump "$work/broken.html" "$work/broken.dom"
check "broken page: the error is shown" has 'id="script-errors"' "$work/broken.dom"

# Sorting: a script added after the page's own clicks the "findings" header of the outcome table, once (ascending)
# then twice (descending), and writes the row order it sees into the DOM.
order='Array.prototype.map.call(document.querySelectorAll("#outcome-counts tbody th"), function (t) { return t.textContent; }).join("|")'
click='document.querySelector("#outcome-counts thead th:last-child").click()'
sed "s~</body>~<script>$click; document.body.dataset.up = $order; $click; document.body.dataset.down = $order;</script></body>~" \
  "$work/fuzz.html" >"$work/sorted.html"
check "chromium loads the sorting page" dump "$work/sorted.html" "$work/sorted.dom"
check "sorting page: no script error" lacks 'id="script-errors"' "$work/sorted.dom"
check "a header click sorts ascending" \
  has 'data-up="findPetsByStatus|updatePet|getPetById|addPet|placeOrder|(no operation)"' "$work/sorted.dom"
check "a second click sorts descending" \
  has 'data-down="(no operation)|placeOrder|addPet|getPetById|updatePet|findPetsByStatus"' "$work/sorted.dom"

# The screenshot, kept in the build folder (docs/images/html-report.png is a copy of it).
rm -f "$build/html_report.png"
check "chromium takes a screenshot" browser --screenshot="$build/html_report.png" --window-size=1280,2300 \
  --hide-scrollbars "file://$work/fuzz.html"
size=$(stat -c %s "$build/html_report.png" 2>/dev/null || echo 0)
check "screenshot is a PNG" has 'PNG' <(head -c 8 "$build/html_report.png" 2>/dev/null)
check "screenshot is not blank ($size bytes)" test "$size" -gt 50000

echo "html_browser: $passed passed, $failed failed (screenshot: $build/html_report.png, $size bytes)"
[ "$failed" -eq 0 ]
