#!/usr/bin/env bash
# The CI fuzz job. Builds every fuzz target with clang + libFuzzer + ASan + UBSan (an engine build of the project,
# by default in build-fuzz/), runs each target for N seconds with -fork over all cores, merges the inputs that add
# coverage into corpus/<target>/, and prints exec/s per target. On a crash or broken invariant it leaves, in
# <build>/findings/<target>/, the minimised input, its stack and a one-line reproduction command, and exits 1.
#
#   fuzz/run-ci.sh [--seconds N] [--targets "a b"] [--build-dir DIR] [--jobs J] [--no-merge] [--no-sanitizers]
#                  [--build-only]
#
#   --seconds N       fuzzing time per target (default 60)
#   --jobs J          libFuzzer -fork workers per target (default: nproc); 1 runs in-process (clean exec/s)
#   --no-merge        leave corpus/ untouched (the ctest smoke run)
#   --no-sanitizers   libFuzzer alone, to measure raw exec/s (build dir gets a -nosan suffix)
#   --build-only      build the targets and stop (make_seeds.sh and coverage merges use this)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
targets=""
build="$root/build-fuzz"
jobs="$(nproc)"
merge=1
sanitize="address;undefined"
build_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --no-merge) merge=0; shift ;;
    --no-sanitizers) sanitize=""; shift ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run-ci.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$sanitize" ] || build="$build-nosan"
all_targets="request_fuzzer body_fuzzer request_target_fuzzer contract_load_fuzzer differential_fuzzer case_file_fuzzer document_request_fuzzer schema_fuzzer suite_fuzzer string_fuzzer string_kernel_fuzzer"
targets="${targets:-$all_targets}"
cc="$(command -v clang || command -v clang-14)"
cxx="$(command -v clang++ || command -v clang++-14)"

# One engine build at a time per build dir (ctest may start the smoke run while a CI run is building).
mkdir -p "$build"
exec 9>"$build/.run-ci.lock"
flock 9

echo "== building fuzz targets in $build (clang, libFuzzer${sanitize:+, $sanitize})"
# Assertions stay on (no NDEBUG): a RapidJSON assertion in the library is a finding too.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=$root/fuzz/coverage_ignorelist.txt -fno-omit-frame-pointer" \
  -DREQPROBE_SANITIZE="$sanitize" \
  -DREQPROBE_FUZZ_LINKMAIN=OFF -DREQPROBE_FUZZ_LDFLAGS=-fsanitize=fuzzer -DREQPROBE_WERROR=ON -DREQPROBE_FUZZ_TRACE_SCANNERS=OFF \
  -DREQPROBE_BUILD_TESTS=OFF -DREQPROBE_BUILD_CLI=OFF -DREQPROBE_BUILD_BENCH=OFF >"$build/configure.log" ||
  { cat "$build/configure.log"; exit 1; }
# shellcheck disable=SC2086
cmake --build "$build" --target $targets
[ "$build_only" = 1 ] && exit 0

option() {  # option <target> <key>: a value from fuzz/<target>.options
  sed -n "s/^$2 *= *//p" "$root/fuzz/$1.options"
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
summary=""
# Scratch space for the inputs a run finds (thousands of small files: tmpfs when there is one, it is much faster).
scratch="$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/reqprobe-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
for t in $targets; do
  bin="$build/fuzz/$t"
  work="$scratch/$t"
  findings="$build/findings/$t"
  rm -rf "$findings"
  mkdir -p "$work/new" "$work/artifacts" "$root/corpus/$t"
  flags=(-max_len="$(option "$t" max_len)" -timeout="$(option "$t" timeout)" -rss_limit_mb=2048
         -dict="$root/fuzz/$(option "$t" dict)" -artifact_prefix="$work/artifacts/" -print_final_stats=1)
  if [ "$jobs" -gt 1 ]; then flags+=(-fork="$jobs"); fi
  echo "== $t: ${seconds}s, ${jobs} worker(s)"
  rc=0
  "$bin" "${flags[@]}" -max_total_time="$seconds" "$work/new" "$root/corpus/$t" >"$build/$t.log" 2>&1 || rc=$?
  # exec/s over the whole run: in-process runs print stat::average_exec_per_sec; fork runs' status lines carry the
  # total executions ("#N:") and the elapsed time of all workers together ("time: Ts").
  runs="$(grep -oE '^#[0-9]+' "$build/$t.log" | tail -1 | tr -d '#' || true)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$build/$t.log" | tail -1)"
  if [ "$jobs" -gt 1 ]; then
    elapsed="$(grep -oE 'time: [0-9]+s' "$build/$t.log" | tail -1 | grep -oE '[0-9]+' || echo 1)"
    rate="$(( ${runs:-0} / (elapsed > 0 ? elapsed : 1) ))"
  fi
  cov="$(grep -oE 'cov: [0-9]+' "$build/$t.log" | tail -1 | grep -oE '[0-9]+$' || true)"
  line="$(printf '%-24s exec/s %8s   runs %10s   cov %6s' "$t" "${rate:-0}" "${runs:-0}" "${cov:-0}")"
  crash="$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | head -1)"
  if [ "$rc" -ne 0 ] || [ -n "$crash" ]; then
    status=1
    mkdir -p "$findings"
    if [ -n "$crash" ]; then
      minimised="$findings/$(basename "$crash")"
      "$bin" -minimize_crash=1 -max_total_time=30 -runs=100000 -exact_artifact_path="$minimised.min" "$crash" \
        >"$findings/minimize.log" 2>&1 || true
      if [ -s "$minimised.min" ]; then mv "$minimised.min" "$minimised"; else cp "$crash" "$minimised"; fi
      echo "$bin $minimised" >"$findings/reproduce.txt"
      if "$bin" "$minimised" >"$findings/stack.txt" 2>&1; then  # did not fail again: keep the run's own stack
        cp "$build/$t.log" "$findings/stack.txt"
        echo "!! $t failed, but its input does not reproduce it (a crash in the mutator, or flaky)"
      fi
      line="$line   FAILED: $minimised"
      echo "!! $t failed; stack (from $findings/stack.txt):"
      grep -E 'invariant violated|ERROR: |runtime error|#[0-9]+ 0x' "$findings/stack.txt" | head -24 || true
      echo "!! reproduce: $(cat "$findings/reproduce.txt")"
      echo "!! after the fix, keep it as a regression seed: cp $minimised $root/corpus/$t/"
    else
      line="$line   FAILED: libFuzzer exited $rc, see $build/$t.log"
      tail -20 "$build/$t.log"
    fi
  elif [ "$merge" = 1 ] && [ -n "$(ls -A "$work/new")" ]; then
    before="$(find "$root/corpus/$t" -type f | wc -l)"
    "$bin" -merge=1 -max_len="$(option "$t" max_len)" "$root/corpus/$t" "$work/new" >"$build/$t.merge.log" 2>&1
    line="$line   corpus +$(($(find "$root/corpus/$t" -type f | wc -l) - before))"
  fi
  summary="$summary$line"$'\n'
done
printf '\n== exec/s per target (%s s each, %s worker(s), %s)\n%s' "$seconds" "$jobs" "${sanitize:-no sanitizers}" "$summary"
exit "$status"
