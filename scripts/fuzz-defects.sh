#!/usr/bin/env bash
# The fuzz command measured against the mock's own defects (issue 14's "done when"): for each defect the mock can
# have, `reqprobe fuzz --duration N --defect D` must find it as a bucket; against the faithful mock, 0 buckets.
# Prints one line per defect (buckets, requests, the first bucket's key) and a markdown table into OUT.md.
#
#   scripts/fuzz-defects.sh [--seconds N] [--faithful-seconds N] [--reqprobe PATH] [--out DIR] [--defects "a b"]
#                           [-- extra fuzz options, e.g. --contract doc.yaml --operation addPet --credential ...]
#
#   --seconds N           fuzzing time per defect (default 60)
#   --faithful-seconds N  fuzzing time against the faithful mock (default 300; 0 skips it)
#   --defects "a b"       only these defects (default: every named defect and every ignore-code-* of the mock)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
faithful=300
reqprobe="$root/build/reqprobe"
out="$root/build/fuzz-defects"
defects=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --faithful-seconds) faithful="$2"; shift 2 ;;
    --reqprobe) reqprobe="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --defects) defects="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "fuzz-defects.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$reqprobe" ] || { echo "fuzz-defects.sh: $reqprobe not built (cmake --build build)" >&2; exit 2; }
if [ -z "$defects" ]; then
  defects="$("$reqprobe" mock --help | sed -n '/^Defects/,/^$/p' | awk 'NR > 1 && $1 != "" {print $1}' | tr '\n' ' ')"
fi
mkdir -p "$out"
table="$out/table.md"
{
  echo "| defect | buckets | requests | first bucket |"
  echo "|---|---:|---:|---|"
} > "$table"
found=0; missed=0; missed_list=""
run_one() {  # name, seconds, defect args...
  local name="$1" secs="$2"; shift 2
  local dir="$out/$name"
  rm -rf "$dir"
  set +e
  "$reqprobe" fuzz --duration "${secs}s" --out "$dir" --no-progress "$@" "${extra[@]}" > "$dir.log" 2>&1
  local code=$?
  set -e
  local buckets requests first
  buckets="$(grep -o '^fuzz: [0-9]* buckets' "$dir.log" | awk '{print $2}' || true)"
  requests="$(grep -o '^fuzz: [0-9]* requests' "$dir.log" | awk '{print $2}' || true)"
  first="$(grep -m1 '^BUCKET' "$dir.log" | cut -d' ' -f3- | sed 's/ ([0-9]* hits.*//' || true)"
  echo "$name: exit $code, ${buckets:-?} buckets, ${requests:-?} requests${first:+, first: $first}"
  echo "| $name | ${buckets:-?} | ${requests:-?} | ${first:+\`$first\`} |" >> "$table"
  RESULT_BUCKETS="${buckets:-0}"
}
for d in $defects; do
  run_one "$d" "$seconds" --defect "$d"
  if [ "$RESULT_BUCKETS" -gt 0 ]; then found=$((found + 1)); else missed=$((missed + 1)); missed_list="$missed_list $d"; fi
done
if [ "$faithful" -gt 0 ]; then
  run_one faithful "$faithful"
  echo "faithful mock: $RESULT_BUCKETS buckets in ${faithful}s"
fi
echo "defects found: $found of $((found + missed))${missed_list:+; not found:$missed_list}"
echo "table: $table"
