#!/usr/bin/env bash
# The mock, replay and probe commands end to end, as processes talking over 127.0.0.1: exit codes, the reports,
# the token never printed, a mock killed mid-run, SIGINT then --resume. Usage: cli_replay_test.sh REQPROBE SRC_DIR
set -uo pipefail
exe=$1
src=$2
cases=$src/corpus/hss
total=$(ls "$cases"/*.json | wc -l)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
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
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
# wait_for_lines FILE N: until FILE has N lines (at most 20 s: a sanitizer build starts slowly).
wait_for_lines() { for _ in $(seq 400); do [ "$(lines "$1")" -ge "$2" ] && return 0; sleep 0.05; done; return 1; }
not_in() { ! grep -qF -- "$1" "${@:2}"; }

# start_mock NAME ARGS...: a mock on a free loopback port; sets port and mock_pid.
start_mock() {
  local name=$1
  shift
  "$exe" mock --listen 127.0.0.1:0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  mock_pid=$!
  pids+=("$mock_pid")
  for _ in $(seq 100); do
    if grep -q '^listening on ' "$work/$name.out" 2>/dev/null; then break; fi
    sleep 0.05
  done
  port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$work/$name.out")
  [ -n "$port" ] || { echo "mock $name did not start: $(cat "$work/$name.err")"; exit 1; }
}
stop_mock() {
  kill -TERM "$mock_pid" 2>/dev/null
  wait "$mock_pid" 2>/dev/null
}

# ---- help and refusals --------------------------------------------------------------------------------------
check "mock --help lists the defects" bash -c "'$exe' mock --help | grep -q 'hang-on-deep-nesting' && '$exe' mock --help | grep -q 'ignore-code-max_length'"
check "replay --help has examples" bash -c "'$exe' replay --help | grep -q 'Examples:'"
check "probe --help has examples" bash -c "'$exe' probe --help | grep -q 'Examples:'"
check "replay --help documents --max-dead and --retry-after-send" \
  bash -c "'$exe' replay --help | grep -q -- '--max-dead' && '$exe' replay --help | grep -q -- '--retry-after-send'"
"$exe" mock --listen 0.0.0.0:0 >/dev/null 2>"$work/refuse.err"
check "mock refuses a non-loopback address" test $? -eq 2
"$exe" mock --listen 127.0.0.1:0 --defect nonsense >/dev/null 2>&1
check "mock refuses an unknown defect" test $? -eq 2
"$exe" replay --target http://192.0.2.1:9 "$cases" >/dev/null 2>"$work/remote.err"
check "replay refuses valid cases to a remote host" test $? -eq 2
check "and says why" grep -q 'not loopback' "$work/remote.err"

# ---- the faithful mock: zero findings, complete reports, the token nowhere -------------------------------------
token="leak-canary-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export REQPROBE_CLI_TOKEN=$token
start_mock faithful
"$exe" replay --target "http://127.0.0.1:$port" --token-env REQPROBE_CLI_TOKEN --report "$work/r.jsonl" \
  --junit "$work/r.xml" --sarif "$work/r.sarif" "$cases" >"$work/replay.out" 2>"$work/replay.err"
check "faithful mock: exit 0" test $? -eq 0
check "faithful mock: zero findings" grep -q '^findings: 0$' "$work/replay.out"
"$exe" mock --listen "127.0.0.1:$port" >/dev/null 2>"$work/in-use.err"
check "a second mock on the same port is refused" test $? -eq 2
check "faithful mock: one report line per case" test "$(lines "$work/r.jsonl")" -eq "$total"
check "faithful mock: one JUnit testcase per case" test "$(grep -c '<testcase ' "$work/r.xml")" -eq "$total"
check "faithful mock: SARIF without findings" not_in '"level": "error"' "$work/r.sarif"
if command -v python3 >/dev/null; then
  check "reports parse" python3 -c "
import json, sys, xml.etree.ElementTree as ET
[json.loads(l) for l in open('$work/r.jsonl')]
json.load(open('$work/r.sarif'))
ET.parse('$work/r.xml')"
fi
stop_mock

# ---- a defect: findings, exit 1, reproductions without the token ---------------------------------------------
start_mock buggy --defect accept-unknown-fields --defect ignore-token
"$exe" replay --target "http://127.0.0.1:$port" --token-env REQPROBE_CLI_TOKEN --report "$work/d.jsonl" \
  --junit "$work/d.xml" --sarif "$work/d.sarif" --show-findings 1000 "$cases" >"$work/defect.out" 2>"$work/defect.err"
check "defects: exit 1" test $? -eq 1
check "defects: accepted-invalid reported" grep -q '^FINDING accepted-invalid body.root.unknown_member' "$work/defect.out"
check "defects: reproductions refer to the token variable" grep -q 'X-Auth-Token: ${REQPROBE_CLI_TOKEN}' "$work/d.jsonl"
stop_mock
check "the token is in no output, report or mock log" not_in "$token" "$work"/*.out "$work"/*.err "$work"/*.jsonl \
  "$work"/*.xml "$work"/*.sarif

# ---- a mock killed mid-run: the run stops, says where, and --resume finishes it ----------------------------------
start_mock dying --defect slow-answers --slow-ms 50
"$exe" replay --target "http://127.0.0.1:$port" --concurrency 16 --retries 1 --report "$work/k.jsonl" "$cases" \
  >"$work/killed.out" 2>"$work/killed.err" &
replay_pid=$!
pids+=("$replay_pid")
wait_for_lines "$work/k.jsonl" 20
kill -9 "$mock_pid"
{ wait "$mock_pid"; } 2>/dev/null
wait "$replay_pid"
check "mock killed: exit 2 (a dead endpoint)" test $? -eq 2
ran=$(lines "$work/k.jsonl")
check "mock killed: the run stopped instead of burning every case" test "$ran" -lt "$total"
check "mock killed: says the endpoint stopped answering" grep -q 'the endpoint stopped answering: 10 cases in a row' \
  "$work/killed.err"
check "mock killed: names the last case answered" grep -q "the last case answered was '" "$work/killed.err"
check "mock killed: says how to continue" grep -q -- "--resume $work/k.jsonl" "$work/killed.err"
check "mock killed: what ran before is ok" grep -q '"outcome":"ok"' "$work/k.jsonl"
check "mock killed: the last ones got no answer" grep -q '"outcome":"transport-error"' "$work/k.jsonl"
start_mock revived
"$exe" replay --target "http://127.0.0.1:$port" --resume "$work/k.jsonl" --report "$work/k.jsonl" "$cases" \
  >"$work/revived.out" 2>&1
check "resume after a dead endpoint: exit 0" test $? -eq 0
check "resume after a dead endpoint: every case once" \
  test "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$work/k.jsonl" | sort -u | wc -l)" -eq "$total"
check "resume after a dead endpoint: no case twice" test "$(lines "$work/k.jsonl")" -eq "$total"
check "resume after a dead endpoint: the unanswered were sent again" not_in '"outcome":"transport-error"' \
  "$work/k.jsonl"
stop_mock

# ---- a hostile --resume file (one line of 200,000 '['): read without recursion, the case files all sent --------
head -c 200000 /dev/zero | tr '\0' '[' >"$work/hostile.jsonl"
start_mock hostile
"$exe" replay --target "http://127.0.0.1:$port" --resume "$work/hostile.jsonl" "$cases" >"$work/hostile.out" \
  2>"$work/hostile.err"
check "hostile --resume file: exit 0, no crash" test $? -eq 0
check "hostile --resume file: the line is ignored" grep -q '1 unreadable lines in' "$work/hostile.err"
check "hostile --resume file: every case sent" grep -q "^replayed $total cases" "$work/hostile.out"
stop_mock

# ---- SIGINT, then --resume -------------------------------------------------------------------------------------
start_mock slow --defect slow-answers --slow-ms 50
"$exe" replay --target "http://127.0.0.1:$port" --concurrency 4 --report "$work/i.jsonl" "$cases" \
  >"$work/interrupted.out" 2>"$work/interrupted.err" &
replay_pid=$!
pids+=("$replay_pid")
wait_for_lines "$work/i.jsonl" 10
kill -INT "$replay_pid"
wait "$replay_pid"
check "SIGINT: exit 2" test $? -eq 2
ran=$(lines "$work/i.jsonl")
check "SIGINT: the report holds what ran" test "$ran" -gt 0 -a "$ran" -lt "$total"
check "SIGINT: the summary was printed" grep -q 'not run (interrupted)' "$work/interrupted.out"
check "SIGINT: says how to resume" grep -q -- '--resume' "$work/interrupted.err"
stop_mock
start_mock resumed
"$exe" replay --target "http://127.0.0.1:$port" --resume "$work/i.jsonl" --report "$work/i.jsonl" "$cases" \
  >"$work/resumed.out" 2>&1
check "resume: exit 0" test $? -eq 0
check "resume: every case once" test "$(sed 's/^{"id":"\([^"]*\)".*/\1/' "$work/i.jsonl" | sort -u | wc -l)" -eq "$total"
check "resume: no case twice" test "$(lines "$work/i.jsonl")" -eq "$total"
stop_mock

# ---- probe: generate, start the mock in-process, replay -----------------------------------------------------
"$exe" probe --no-progress >"$work/probe.out" 2>&1
check "probe: exit 0" test $? -eq 0
check "probe: zero findings" grep -q '^findings: 0$' "$work/probe.out"
"$exe" probe --no-progress --defect accept-rate-limit-above-max >"$work/probe-defect.out" 2>&1
check "probe with a defect: exit 1" test $? -eq 1
check "probe with a defect: the finding" grep -q '^FINDING accepted-invalid body.rate_limit.range.above_max' \
  "$work/probe-defect.out"

# ---- validate escapes request bytes in its text output (a query name %1B[31m, body keys with ESC and newline) -----
cat >"$work/escape-case.json" <<'CASE'
{"id": "escape", "request": {"method": "POST",
  "target": "/v5/p1/image/image-scan/tasks?%1B%5B31mRED%1B%5B0m=1&%0AFINDING=2",
  "headers": [["X-Auth-Token", "t"], ["Content-Type", "application/json"]],
  "body": "{\"is_all\":true,\"\\u001b[2J\":1,\"\\nFINDING ok\":2,\"\u007f\\u0085\":3}"}}
CASE
"$exe" validate "$work/escape-case.json" >"$work/escape.out" 2>&1
check "validate on hostile bytes: exit 1" test $? -eq 1
check "validate on hostile bytes: no control character printed" \
  test "$(LC_ALL=C tr -d '\n\040-\176\200-\377' <"$work/escape.out" | wc -c)" -eq 0
check "validate on hostile bytes: no C1 control printed" not_in $'\xc2\x85' "$work/escape.out"
check "validate on hostile bytes: no forged line" bash -c "! grep -q '^FINDING' '$work/escape.out'"
check "validate on hostile bytes: the escapes are visible" grep -qF '\x1b[31mRED\x1b[0m' "$work/escape.out"
check "validate on hostile bytes: one line per violation" test "$(grep -c '^  error unknown' "$work/escape.out")" -eq 5

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
