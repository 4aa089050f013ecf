#!/usr/bin/env bash
# The main job, all set-up included: installs what is missing, builds Release into build/, then runs a probe
# campaign: the embedded HSS contract's generated case suite replayed over loopback HTTP against the embedded mock
# (started in-process on a free port), with the summary printed and the reports in build/probe/. Exits 0 when the
# faithful mock gives zero findings.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target reqprobe
mkdir -p build/probe
echo "== reqprobe probe (reports in build/probe/)"
build/reqprobe probe --report build/probe/report.jsonl --junit build/probe/junit.xml --sarif build/probe/findings.sarif
