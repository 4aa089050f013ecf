#!/usr/bin/env bash
# Regenerates the shipped HSS suite in corpus/hss/ with the embedded contract and seed 1. A test
# (Generator.the_shipped_hss_suite_is_up_to_date) fails when the shipped suite differs from what the generator
# makes, so run this after changing the contract, the generator or the validator's reports.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
if [ ! -x "$build/reqprobe" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target reqprobe >/dev/null
"$build/reqprobe" generate --out corpus/hss --seed 1
