#!/usr/bin/env bash
# OSS-Fuzz / ClusterFuzzLite build of every fuzz target. Honours the engine's environment and writes, into $OUT,
# each <target> with its <target>_seed_corpus.zip (corpus/<target>/), <target>.dict and <target>.options:
#
#   CC CXX CFLAGS CXXFLAGS   compilers and compile flags (e.g. -fsanitize=address,fuzzer-no-link)
#   LIB_FUZZING_ENGINE       link flags of the engine (e.g. -fsanitize=fuzzer), passed as REQPROBE_FUZZ_LDFLAGS
#   OUT                      where the targets and their files go;  WORK (optional): where to build
#
# Locally:  CC=clang CXX=clang++ CFLAGS=-fsanitize=address,fuzzer-no-link CXXFLAGS=-fsanitize=address,fuzzer-no-link \
#           LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out fuzz/oss_fuzz_build.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
: "${CC:?set CC}" "${CXX:?set CXX}" "${OUT:?set OUT}" "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE}"
CFLAGS="${CFLAGS:-}"
CXXFLAGS="${CXXFLAGS:-}"
build="${WORK:-$(mktemp -d)}/reqprobe-fuzz-build"
targets="request_fuzzer body_fuzzer request_target_fuzzer contract_load_fuzzer differential_fuzzer case_file_fuzzer document_request_fuzzer schema_fuzzer suite_fuzzer string_fuzzer string_kernel_fuzzer"

# Coverage-guided builds skip instrumenting the harness and RapidJSON (fuzz/coverage_ignorelist.txt says why).
case "$CXXFLAGS" in
  *fuzzer-no-link*|*sanitize-coverage*) CXXFLAGS="$CXXFLAGS -fsanitize-coverage-ignorelist=$root/fuzz/coverage_ignorelist.txt" ;;
esac
generator="Unix Makefiles"
command -v ninja >/dev/null && generator=Ninja

# CMAKE_BUILD_TYPE=None: the engine's flags alone decide optimisation and debug info.
cmake -S "$root" -B "$build" -G "$generator" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DREQPROBE_FUZZ_LINKMAIN=OFF -DREQPROBE_FUZZ_LDFLAGS="$LIB_FUZZING_ENGINE" \
  -DREQPROBE_BUILD_TESTS=OFF -DREQPROBE_BUILD_CLI=OFF -DREQPROBE_BUILD_BENCH=OFF
cmake --build "$build" --target all_fuzzers -j"$(nproc)"

mkdir -p "$OUT"
cp "$root/fuzz/reqprobe.dict" "$root/fuzz/contract_load.dict" "$root/fuzz/string.dict" "$OUT/"
for t in $targets; do
  cp "$build/fuzz/$t" "$root/fuzz/$t.options" "$OUT/"
  cp "$root/fuzz/$(sed -n 's/^dict *= *//p' "$root/fuzz/$t.options")" "$OUT/$t.dict"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$root/corpus/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
done
echo "oss_fuzz_build: $(echo $targets | wc -w) targets with seed corpora, dictionaries and options in $OUT"
