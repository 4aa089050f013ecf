#!/usr/bin/env bash
# The whole test suite, all set-up included: installs what is missing, builds, and runs ctest twice:
#   1. build/       Release with g++, warnings as errors: every test (unit, CLI, corpus, purity, format)
#   2. build-asan/  clang with AddressSanitizer + UndefinedBehaviorSanitizer: every test again
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh

jobs=$(nproc)
step() { printf '\n== %s\n' "$*"; }

step "Release build (g++, -Werror)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DREQPROBE_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

step "ASan+UBSan build (clang)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  -DREQPROBE_SANITIZE="address;undefined" -DREQPROBE_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"
