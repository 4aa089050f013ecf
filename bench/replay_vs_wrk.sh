#!/usr/bin/env bash
# Replay throughput against wrk (issue 6), measured in one run: the same mock (`reqprobe mock` on a free loopback
# port), the same concurrency, the same two client threads. reqprobe replays the shipped HSS suite (corpus/hss:
# every case byte-exact, each answer classified); wrk (Debian's package) posts one typical valid request from a
# Lua script as fast as it can. The two alternate for a few rounds and the medians are compared, since other load
# on a 2-core machine moves single runs by tens of percent. Also printed: CPU time per request (client + mock),
# which other load barely moves. Target: replay >= 50% of wrk's requests/s; exits 1 below it.
#
# Usage: bench/replay_vs_wrk.sh [BUILD_DIR]      (default build/; built if reqprobe is missing)
#        CONCURRENCY=16 ROUNDS=3 SECONDS_PER_RUN=2 bench/replay_vs_wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
concurrency=${CONCURRENCY:-16}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-2}

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

threads=$((concurrency + 8 > 64 ? concurrency + 8 : 64))
"$build/reqprobe" mock --listen 127.0.0.1:0 --threads "$threads" >"$work/mock.out" 2>"$work/mock.err" &
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

cases=$(ls corpus/hss/*.json | wc -l)
echo "mock: $url, concurrency $concurrency, 2 client threads each, $(nproc) cores, $rounds rounds of ${seconds}s"
"$build/reqprobe" replay --no-progress --target "$url" --concurrency "$concurrency" corpus/hss >/dev/null  # warm-up
# Enough passes over the suite for about $seconds seconds, from the warm-up's rate.
probe_rate=$("$build/reqprobe" replay --no-progress --target "$url" --concurrency "$concurrency" --repeat 5 corpus/hss |
  sed -n 's/.* \([0-9][0-9]*\) requests\/s,.*/\1/p')
repeat=$(awk -v r="$probe_rate" -v s="$seconds" -v c="$cases" 'BEGIN {n = int(r * s / c); print n < 5 ? 5 : n}')

: >"$work/replay.rps"
: >"$work/wrk.rps"
: >"$work/replay.cpu"
: >"$work/wrk.cpu"
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

  before_mock=$(mock_ticks)
  children_cpu >"$work/cpu0"
  wrk -t2 -c"$concurrency" -d"${seconds}s" -s "$work/post.lua" "$url" >"$work/wrk.out"
  if grep -q 'Non-2xx' "$work/wrk.out"; then cat "$work/wrk.out"; echo "wrk got non-2xx answers" >&2; exit 2; fi
  requests=$(awk '/ requests in / {print $1}' "$work/wrk.out")
  awk '/^Requests\/sec:/ {printf "%d\n", $2}' "$work/wrk.out" >>"$work/wrk.rps"
  children_cpu >"$work/cpu1"
  awk -v m=$(($(mock_ticks) - before_mock)) -v t="$ticks_per_second" -v c0="$(cat "$work/cpu0")" \
    -v c1="$(cat "$work/cpu1")" -v n="$requests" 'BEGIN {printf "%.1f\n", 1e6 * (m / t + c1 - c0) / n}' \
    >>"$work/wrk.cpu"
  echo "round $round: replay $(tail -1 "$work/replay.rps") requests/s, wrk $(tail -1 "$work/wrk.rps") requests/s"
done

replay_rps=$(median <"$work/replay.rps")
wrk_rps=$(median <"$work/wrk.rps")
ratio=$(awk -v a="$replay_rps" -v b="$wrk_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
printf '%-40s %12s %22s\n' "client (same mock, concurrency $concurrency)" "requests/s" "CPU us/request (all)"
printf '%-40s %12s %22s\n' "reqprobe replay ($cases cases x $repeat)" "$replay_rps" "$(median <"$work/replay.cpu")"
printf '%-40s %12s %22s\n' "wrk (one valid request, Lua)" "$wrk_rps" "$(median <"$work/wrk.cpu")"
echo "replay / wrk: ${ratio}% (target >= 50%)"
[ "$ratio" -ge 50 ]
