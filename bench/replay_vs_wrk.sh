#!/usr/bin/env bash
# Replay throughput against wrk (issue 6), measured in one run: the same mock (`reqprobe mock` on a free loopback
# port), the same concurrency, the same two client threads. reqprobe replays the shipped HSS suite (corpus/hss:
# every case byte-exact, each answer classified); wrk (Debian's package) posts one typical valid request from a
# Lua script as fast as it can. The two alternate for a few rounds and the medians are compared, since other load
# on a 2-core machine moves single runs by tens of percent. Also printed: CPU time per request (client + mock),
# which other load barely moves. Target: replay >= 50% of wrk's requests/s; exits 1 below it.
#
# A second, like-for-like comparison is printed too (it does not change the exit status): wrk sending the SAME
# bytes replay sends, the suite's raw requests cycled by a Lua request() function (built from the case files as
# libcurl writes them: request line, Host, the case's headers in order, Content-Length when there is a body, the
# body). Cases wrk cannot send or the mock answers by closing the connection are left out, counted and named.
#
# Usage: bench/replay_vs_wrk.sh [BUILD_DIR]      (default build/; built if reqprobe is missing)
#        CONCURRENCY=16 ROUNDS=5 SECONDS_PER_RUN=3 bench/replay_vs_wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
concurrency=${CONCURRENCY:-16}
rounds=${ROUNDS:-5}
seconds=${SECONDS_PER_RUN:-3}

if [ ! -x "$build/reqprobe" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target reqprobe >/dev/null
fi
if ! command -v wrk >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

work=$(mktemp -d)
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The mock's default event loops (four per CPU): connections cost a socket each, not a thread.
"$build/reqprobe" mock --listen 127.0.0.1:0 >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/mock.out" 2>/dev/null && break
  sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$work/mock.out")
[ -n "$url" ] || { echo "the mock did not start: $(cat "$work/mock.err")" >&2; exit 2; }

# wrk's request: the suite's minimal valid request, the most typical one.
cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.path = "/v5/0f7e0b2c/image/image-scan/tasks"
wrk.headers["X-Auth-Token"] = "token-value"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"is_all":true}'
LUA

ticks_per_second=$(getconf CLK_TCK)
mock_ticks() { awk '{print $14 + $15}' "/proc/$mock_pid/stat"; }
# CPU seconds of this shell's finished children (bash's `times`, second line: user and system). `times` must run
# in this shell, not in a $(...) subshell, which has no children of its own.
children_cpu() {
  times >"$work/times"
  tail -1 "$work/times" | awk '{split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2]}'
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
# Runs wrk with a script; appends its requests/s and the CPU us/request of wrk and the mock to $work/$2.{rps,cpu}.
run_wrk() {
  local before_mock requests
  before_mock=$(mock_ticks)
  children_cpu >"$work/cpu0"
  wrk -t2 -c"$concurrency" -d"${seconds}s" -s "$1" "$url" >"$work/$2.out"
  requests=$(awk '/ requests in / {print $1}' "$work/$2.out")
  awk '/^Requests\/sec:/ {printf "%d\n", $2}' "$work/$2.out" >>"$work/$2.rps"
  children_cpu >"$work/cpu1"
  awk -v m=$(($(mock_ticks) - before_mock)) -v t="$ticks_per_second" -v c0="$(cat "$work/cpu0")" \
    -v c1="$(cat "$work/cpu1")" -v n="$requests" 'BEGIN {printf "%.1f\n", 1e6 * (m / t + c1 - c0) / n}' \
    >>"$work/$2.cpu"
}

# The suite's requests as wrk will send them, one "<length>\n<bytes>" record each. Every request is first sent once
# to the mock on a connection of its own, followed by a minimal valid request: a case is kept only when both are
# answered on that connection (wrk reconnects after a close, which would measure connection set-up instead).
python3 - "${url#http://}" "$work/suite.requests" corpus/hss >"$work/suite.notes" <<'PY'
import base64, glob, json, socket, sys
host, out_path, suite = sys.argv[1:4]
address = (host.rsplit(":", 1)[0], int(host.rsplit(":", 1)[1]))
valid = b"POST /v5/0f7e0b2c/image/image-scan/tasks HTTP/1.1\r\nHost: " + host.encode() + \
    b"\r\nX-Auth-Token: token-value\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"is_all\":true}"

def raw_request(request):
    names = [name.lower() for name, _ in request["headers"]]
    if request["method"] == "HEAD":
        return None, "HEAD (wrk's parser would wait for the body a HEAD answer never has)"
    if "content-length" in names or "transfer-encoding" in names:
        return None, "framing headers of its own"
    body = None
    if "body" in request:
        body = request["body"].encode()
    elif "body_base64" in request:
        body = base64.b64decode(request["body_base64"])
    head = "%s %s HTTP/1.1\r\n" % (request["method"], request["target"])
    if "host" not in names:
        head += "Host: %s\r\n" % host
    for name, value in request["headers"]:  # an empty value goes out as libcurl sends it: "Name:"
        head += "%s: %s\r\n" % (name, value) if value else "%s:\r\n" % name
    if body is not None:
        head += "Content-Length: %d\r\n" % len(body)
    return head.encode() + b"\r\n" + (body or b""), None

def read_answer(sock, buffer):
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            return None, buffer
        buffer += chunk
    head, rest = buffer.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, rest
        rest += chunk
    return int(head.split(b" ")[1]), rest[length:]

kept, left_out, invalid = [], {}, 0
for path in sorted(glob.glob(suite + "/*.json")):
    with open(path, encoding="utf-8") as file:
        request = json.load(file)["request"]
    raw, reason = raw_request(request)
    if raw is not None:
        with socket.create_connection(address, timeout=5) as sock:
            try:
                sock.sendall(raw)
                status, rest = read_answer(sock, b"")
                sock.sendall(valid)
                follow, _ = read_answer(sock, rest) if status is not None else (None, b"")
            except OSError:
                status = follow = None
        if status is None or follow != 200:
            raw, reason = None, "the mock answers by closing the connection"
    if raw is None:
        left_out.setdefault(reason, []).append(path.rsplit("/", 1)[1][:-5])
        continue
    kept.append(raw)
    invalid += not 200 <= status < 300
with open(out_path, "wb") as out:
    for raw in kept:
        out.write(b"%d\n" % len(raw) + raw)
print(len(kept), invalid, sum(len(raw) for raw in kept))  # cases kept, error answers among them, bytes
for reason, ids in sorted(left_out.items()):
    print("left out: %d (%s): %s" % (len(ids), reason, " ".join(ids)))
PY
read -r wrk_cases wrk_invalid wrk_bytes <"$work/suite.notes"
cat >"$work/suite.lua" <<LUA
-- The suite's raw requests, sent in turn (each of wrk's threads cycles through all of them).
local requests = {}
local file = assert(io.open("$work/suite.requests", "rb"))
local data = file:read("*a")
file:close()
local position = 1
while position <= #data do
  local newline = data:find("\n", position, true)
  local length = tonumber(data:sub(position, newline - 1))
  requests[#requests + 1] = data:sub(newline + 1, newline + length)
  position = newline + 1 + length
end
local last = 0
function request()
  last = last % #requests + 1
  return requests[last]
end
LUA

cases=$(ls corpus/hss/*.json | wc -l)
echo "mock: $url, concurrency $concurrency, 2 client threads each, $(nproc) cores, $rounds rounds of ${seconds}s"
"$build/reqprobe" replay --no-progress --target "$url" --concurrency "$concurrency" corpus/hss >/dev/null  # warm-up
# Enough passes over the suite for about $seconds seconds, from the warm-up's rate.
probe_rate=$("$build/reqprobe" replay --no-progress --target "$url" --concurrency "$concurrency" --repeat 5 corpus/hss |
  sed -n 's/.* \([0-9][0-9]*\) requests\/s,.*/\1/p')
repeat=$(awk -v r="$probe_rate" -v s="$seconds" -v c="$cases" 'BEGIN {n = int(r * s / c); print n < 5 ? 5 : n}')

: >"$work/replay.rps"
: >"$work/replay.cpu"
: >"$work/wrk.rps"
: >"$work/wrk.cpu"
: >"$work/wrksuite.rps"
: >"$work/wrksuite.cpu"
for round in $(seq "$rounds"); do
  before_mock=$(mock_ticks)
  children_cpu >"$work/cpu0"
  "$build/reqprobe" replay --no-progress --target "$url" --concurrency "$concurrency" --client-threads 2 \
    --repeat "$repeat" corpus/hss >"$work/replay.out" ||
    { cat "$work/replay.out"; echo "replay found findings against the faithful mock" >&2; exit 2; }
  requests=$(sed -n 's/.*: \([0-9][0-9]*\) requests (.*/\1/p' "$work/replay.out")
  sed -n 's/.* \([0-9][0-9]*\) requests\/s,.*/\1/p' "$work/replay.out" >>"$work/replay.rps"
  children_cpu >"$work/cpu1"
  awk -v m=$(($(mock_ticks) - before_mock)) -v t="$ticks_per_second" -v c0="$(cat "$work/cpu0")" \
    -v c1="$(cat "$work/cpu1")" -v n="$requests" 'BEGIN {printf "%.1f\n", 1e6 * (m / t + c1 - c0) / n}' \
    >>"$work/replay.cpu"

  run_wrk "$work/post.lua" wrk
  if grep -q 'Non-2xx' "$work/wrk.out"; then cat "$work/wrk.out"; echo "wrk got non-2xx answers" >&2; exit 2; fi

  run_wrk "$work/suite.lua" wrksuite
  # The share of error answers must be the suite's own (wrk stops mid-cycle, so allow a little).
  awk -v k="$wrk_cases" -v i="$wrk_invalid" '/ requests in / {n = $1} /Non-2xx/ {e = $NF}
    END {d = e / n - i / k; if (d < -0.02 || d > 0.02) {print "wrk suite: " e " of " n " answers non-2xx, expected about " int(100 * i / k) "%"; exit 1}}' \
    "$work/wrksuite.out" || { cat "$work/wrksuite.out"; exit 2; }
  echo "round $round: replay $(tail -1 "$work/replay.rps") requests/s, wrk $(tail -1 "$work/wrk.rps") requests/s," \
    "wrk with the suite's requests $(tail -1 "$work/wrksuite.rps") requests/s"
done

replay_rps=$(median <"$work/replay.rps")
wrk_rps=$(median <"$work/wrk.rps")
suite_rps=$(median <"$work/wrksuite.rps")
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", 100 * a / b}'; }
ratio=$(percent "$replay_rps" "$wrk_rps")
replay_cpu=$(median <"$work/replay.cpu")
wrk_cpu=$(median <"$work/wrk.cpu")
suite_cpu=$(median <"$work/wrksuite.cpu")
echo
printf '%-44s %12s %22s\n' "client (same mock, concurrency $concurrency)" "requests/s" "CPU us/request (all)"
printf '%-44s %12s %22s\n' "reqprobe replay ($cases cases x $repeat)" "$replay_rps" "$replay_cpu"
printf '%-44s %12s %22s\n' "wrk (one valid 15-byte request, Lua)" "$wrk_rps" "$wrk_cpu"
printf '%-44s %12s %22s\n' "wrk (the suite's $wrk_cases requests, Lua)" "$suite_rps" "$suite_cpu"
echo
echo "issue 6's measure, replay / wrk with one valid request: ${ratio}% of the requests/s (target >= 50%)," \
  "$(percent "$wrk_cpu" "$replay_cpu")% of the CPU efficiency"
echo "like for like, replay / wrk sending the same suite bytes: $(percent "$replay_rps" "$suite_rps")% of the" \
  "requests/s, $(percent "$suite_cpu" "$replay_cpu")% of the CPU efficiency"
echo "  wrk's set: $wrk_cases of the $cases cases ($wrk_invalid answered with an error), $wrk_bytes request bytes per pass"
sed -n 's/^left out: /  left out of it: /p' "$work/suite.notes"
[ "$ratio" -ge 50 ]
