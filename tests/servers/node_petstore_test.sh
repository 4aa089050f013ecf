#!/usr/bin/env bash
# probe against an independent server (issue 13): tests/servers/petstore_expanded.js implements the OAI example
# petstore-expanded with node's http module and its own error bodies. Correct, it gets 0 findings; each seeded bug
# (--bug NAME) must be found, with the outcome that names it. Loopback only, one server at a time, each run bounded
# by the probe's own timeouts and this script's `timeout`.
#
#   tests/servers/node_petstore_test.sh REQPROBE SOURCE_DIR
set -uo pipefail
reqprobe="$1"
source_dir="$2"
server="$source_dir/tests/servers/petstore_expanded.js"
contract="$source_dir/tests/data/openapi/oai-examples/petstore-expanded.yaml"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
pid=""
failures=0

# run_probe BUG EXPECTED_EXIT OUTCOME [PROBE_OPTION...]: OUTCOME must be among the report's outcomes (or, for
# "ok", the only one).
run_probe() {
  local bug="$1" expected_exit="$2" outcome="$3"
  shift 3
  : >"$work/port"
  node "$server" ${bug:+--bug "$bug"} >"$work/port" 2>"$work/server.err" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$work/port" && break; sleep 0.1; done
  local port
  port="$(awk '/listening/ {print $2}' "$work/port")"
  if [ -z "$port" ]; then
    echo "FAIL ${bug:-correct}${*:+ ($*)}: the server did not start: $(cat "$work/server.err")"
    failures=$((failures + 1))
    return
  fi
  timeout 120 "$reqprobe" probe --contract "$contract" --target "http://127.0.0.1:$port" --no-progress \
    --report "$work/report.jsonl" "$@" >"$work/out" 2>&1
  local code=$?
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  local outcomes
  outcomes="$(grep -o '"outcome":"[a-z-]*"' "$work/report.jsonl" | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
  if [ "$code" -ne "$expected_exit" ]; then
    echo "FAIL ${bug:-correct}${*:+ ($*)}: exit $code, expected $expected_exit ($outcomes)"
    tail -5 "$work/out"
    failures=$((failures + 1))
  elif [ "$outcome" = ok ] && grep -q '"finding":true' "$work/report.jsonl"; then
    echo "FAIL ${bug:-correct}${*:+ ($*)}: findings against the correct server ($outcomes)"
    failures=$((failures + 1))
  elif ! grep -q "\"outcome\":\"$outcome\"" "$work/report.jsonl"; then
    echo "FAIL ${bug:-correct}${*:+ ($*)}: no $outcome among $outcomes"
    failures=$((failures + 1))
  else
    echo "ok   ${bug:-correct}${*:+ ($*)}: $(grep -E '^probe|^findings' "$work/out" | tr '\n' ' ')($outcomes)"
  fi
}

run_probe "" 0 ok
run_probe json-parse 1 accepted-invalid            # repeated member names let through
run_probe any-content-type 1 accepted-invalid      # text/plain bodies read as JSON
run_probe crash-on-wrong-type 1 server-error       # a name that is not a string crashes the handler
run_probe no-id-in-pet 1 response-schema-mismatch  # Pet answers without their required id
run_probe text-plain-responses 1 content-type-mismatch
run_probe reject-unknown-query 1 rejected-valid    # OpenAPI allows undeclared query parameters
run_probe ignore-missing-name 1 accepted-invalid
run_probe path-ignores-case 1 accepted-invalid     # /v2/PETS routed like /v2/pets
# The stricter profile holds error answers to the documented Error schema: the correct server's {code, message}
# pass; problem+json errors pass the default profile (a server's error bodies are its own) and fail this one.
run_probe "" 0 ok --check-errors
run_probe problem-json-errors 0 ok
run_probe problem-json-errors 1 content-type-mismatch --check-errors
[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
