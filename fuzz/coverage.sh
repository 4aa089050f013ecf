#!/usr/bin/env bash
# Coverage of validator/ by the fuzz corpora: clang source-based coverage (-fprofile-instr-generate
# -fcoverage-mapping) of the replay build of every target, each target's corpus/<target>/ replayed once, the profiles
# merged, and llvm-cov's line and branch report printed for validator/ (TOTAL is the figure fuzz/README.md records).
#
#   fuzz/coverage.sh [--build-dir DIR] [--show FILE_REGEX] [--with-tests]
#
#   --show REGEX   also print `llvm-cov show` for matching validator files, missed lines and branches marked
#                  (how to find what the seeds do not reach yet)
#   --with-tests   also build the unit and CLI tests with coverage and run them under ctest (default limits, not the
#                  fuzzing ones; build dir build-coverage-tests): coverage by the corpora and the test suite together
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-coverage"
show=""
with_tests=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --show) show="$2"; shift 2 ;;
    --with-tests) with_tests=1; build="$root/build-coverage-tests"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "coverage.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
tool() { command -v "$1-14" || command -v "$1"; }
profdata="$(tool llvm-profdata)"
cov="$(tool llvm-cov)"
targets="request_fuzzer body_fuzzer request_target_fuzzer contract_load_fuzzer differential_fuzzer case_file_fuzzer document_request_fuzzer schema_fuzzer suite_fuzzer string_fuzzer string_kernel_fuzzer"

# The replay driver (no engine needed) with the fuzzing limits, so limit paths are as reachable as when fuzzing;
# with the tests, the default limits they are written for.
mkdir -p "$build"
if [ "$with_tests" = 1 ]; then
  parts=(-DREQPROBE_FUZZING_LIMITS=OFF -DREQPROBE_BUILD_TESTS=ON -DREQPROBE_BUILD_CLI=ON -DREQPROBE_FUZZ_SMOKE=OFF)
else
  parts=(-DREQPROBE_FUZZING_LIMITS=ON -DREQPROBE_BUILD_TESTS=OFF -DREQPROBE_BUILD_CLI=OFF)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER="$(command -v clang || command -v clang-14)" \
  -DCMAKE_CXX_COMPILER="$(command -v clang++ || command -v clang++-14)" \
  -DCMAKE_CXX_FLAGS="-fprofile-instr-generate -fcoverage-mapping" -DREQPROBE_FUZZ_LINKMAIN=ON \
  -DREQPROBE_BUILD_BENCH=OFF "${parts[@]}" >"$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
if [ "$with_tests" = 1 ]; then
  cmake --build "$build" >/dev/null
else
  # shellcheck disable=SC2086
  cmake --build "$build" --target $targets >/dev/null
fi

rm -rf "$build/profiles" && mkdir -p "$build/profiles"
objects=()
for t in $targets; do
  LLVM_PROFILE_FILE="$build/profiles/$t.profraw" "$build/fuzz/$t" "$root/corpus/$t" | sed "s/^/$t: /"
  objects+=(-object "$build/fuzz/$t")
done
if [ "$with_tests" = 1 ]; then
  # Every test process writes its own profile; the packaging tests install and rebuild, the fuzz replays ran above.
  LLVM_PROFILE_FILE="$build/profiles/test-%p.profraw" ctest --test-dir "$build" -j"$(nproc)" \
    -E '^(fuzz_replay|fuzz_mutator|packaging)' >"$build/ctest.log" 2>&1 || { tail -20 "$build/ctest.log"; exit 1; }
  tail -3 "$build/ctest.log"
  while IFS= read -r binary; do
    [ "$(head -c 4 "$binary" | tr -d '\0' | tail -c 3)" = "ELF" ] && objects+=(-object "$binary")
  done < <(find "$build" -maxdepth 3 -type f -executable ! -path '*/CMakeFiles/*' ! -path '*/fuzz/*' 2>/dev/null)
fi
"$profdata" merge -sparse "$build"/profiles/*.profraw -o "$build/profiles/merged.profdata"
"$cov" report "${objects[@]:1}" -instr-profile="$build/profiles/merged.profdata" "$root/validator"
if [ -n "$show" ]; then
  "$cov" show "${objects[@]:1}" -instr-profile="$build/profiles/merged.profdata" -show-branches=count \
    -show-line-counts-or-regions "$root/validator" | awk -v re="$show" '/^\/.*:$/ { on = ($0 ~ re) } on'
fi
