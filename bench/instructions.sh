#!/usr/bin/env bash
# Exact instructions per call of reqprobe on each input, by callgrind: the subject's accepts() is run 1 and 21
# times (reqprobe_bench --repeat) with collection on inside it only, and the difference is divided by 20, so the
# first call's warm-up (scratch growth) and everything outside the call drop out. Deterministic for one binary:
# compare two builds with it where timing is too noisy to see a few percent.
#
#     bench/instructions.sh                                # BodyFast on every input, build/bench/reqprobe_bench
#     bench/instructions.sh --subject Request Typical Large
#     bench/instructions.sh --bench /tmp/old/build/bench/reqprobe_bench Minimal
#
# Needs valgrind (scripts/install-deps.sh installs it). Prints "input subject instructions" lines.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=build/bench/reqprobe_bench
subject=BodyFast
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench=$2; shift 2 ;;
    --subject) subject=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "instructions.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 2; }
[ -x "$bench" ] || { echo "instructions.sh: no $bench (build it: cmake --build build --target reqprobe_bench)" >&2; exit 2; }
if [ ${#inputs[@]} -eq 0 ]; then
  mapfile -t inputs < <(python3 -c 'import json; [print(c["name"]) for c in json.load(open("bench/data/cases.json"))["cases"] if c.get("role") != "scaling"]')
fi

collected() {  # $1 input, $2 calls: instructions collected inside accepts()
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
          --toggle-collect='reqprobe_bench::ReqprobeSubject::accepts*' \
          "$bench" --repeat="$subject:$1:$2" 2>&1) || { echo "instructions.sh: $subject on $1 failed:" >&2; echo "$out" | grep -v '^==' >&2; return 1; }
  echo "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

for input in "${inputs[@]}"; do
  one=$(collected "$input" 1)
  many=$(collected "$input" 21)
  echo "$input $subject $(( (many - one) / 20 ))"
done
