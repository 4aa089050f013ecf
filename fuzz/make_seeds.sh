#!/usr/bin/env bash
# Rebuilds the seed corpora and the dictionaries from the contract and the case generator (fuzz/README.md):
#  1. builds reqprobe_fuzz_seeds and writes the generator's cases into corpus/<target>/ (files named by SHA-1:
#     existing files, fuzzing finds included, are kept) and fuzz/reqprobe.dict, fuzz/contract_load.dict;
#  2. writes one-edit variants of the contract and of case files, and the generated cases of the seed OpenAPI
#     documents, and merges into corpus/contract_load_fuzzer/, corpus/case_file_fuzzer/ and
#     corpus/document_request_fuzzer/ only those that add coverage (libFuzzer -merge=1 on run-ci.sh's engine build);
#  3. copies the seed OpenAPI documents that fit suite_fuzzer's max_len into corpus/suite_fuzzer/, all of them (its
#     oracle is about values, not coverage: a merge could drop the one document whose pattern catches a defect).
#
#   fuzz/make_seeds.sh [--build-dir DIR] [--fuzz-build-dir DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build"
fuzz_build="$root/build-fuzz"
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build="$2"; shift 2 ;;
    --fuzz-build-dir) fuzz_build="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "make_seeds.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target reqprobe_fuzz_seeds
seeds="$build/fuzz/reqprobe_fuzz_seeds"
"$seeds" corpus "$root/corpus"
"$seeds" dict "$root/fuzz"

variants="$(mktemp -d)"
trap 'rm -rf "$variants"' EXIT
"$seeds" variants "$variants"
"$root/fuzz/run-ci.sh" --build-dir "$fuzz_build" --build-only \
  --targets "contract_load_fuzzer case_file_fuzzer document_request_fuzzer"
"$seeds" documents "$variants" "$root/fuzz/documents/parameters.yaml" "$root"/tests/data/openapi/oai-examples/*.yaml \
  "$root"/tests/data/openapi/generator/*.yaml "$root/bench/data/openapi_small/openapi.json"
mkdir -p "$root/corpus/document_request_fuzzer"
for t in contract_load_fuzzer case_file_fuzzer document_request_fuzzer; do
  before="$(find "$root/corpus/$t" -type f | wc -l)"
  "$fuzz_build/fuzz/$t" -merge=1 -max_len="$(sed -n 's/^max_len *= *//p' "$root/fuzz/$t.options")" \
    "$root/corpus/$t" "$variants/$t" >"$variants/$t.merge.log" 2>&1
  echo "$t: $(($(find "$root/corpus/$t" -type f | wc -l) - before)) variants added coverage"
done
mkdir -p "$root/corpus/suite_fuzzer"
suite_max="$(sed -n 's/^max_len *= *//p' "$root/fuzz/suite_fuzzer.options")"
for f in "$root/fuzz/documents"/*.yaml "$root"/tests/data/openapi/{oai-examples,generator,fuzz}/*.{yaml,json} \
  "$root/bench/data/openapi_small/openapi.json"; do
  [ -f "$f" ] && [ "$(stat -c %s "$f")" -le "$suite_max" ] || continue
  cp "$f" "$root/corpus/suite_fuzzer/$(sha1sum "$f" | cut -c1-40)"
done
echo "suite_fuzzer: $(find "$root/corpus/suite_fuzzer" -type f | wc -l) documents"
