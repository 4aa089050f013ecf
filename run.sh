#!/usr/bin/env bash
# The main job, all set-up included: installs what is missing, builds Release into build/, then validates the
# shipped example cases with the embedded HSS contract and prints each verdict (and whether it matched `expect`).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target reqprobe
echo "== reqprobe validate --check-expect corpus/examples/*.json"
build/reqprobe validate --check-expect corpus/examples/*.json
