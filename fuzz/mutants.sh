#!/usr/bin/env bash
# Mutation testing: the fuzzers measured by the bugs they catch (issue 14). Each mutant in fuzz/mutants/*.txt is one
# exact textual replacement in one file of validator/ (a seeded defect: an off-by-one bound, code points counted as
# bytes, a lone surrogate accepted, the two modes disagreeing, ...). For each mutant the script
#
#   1. applies it in a private copy of the source tree (build-mutants/src, made from `git archive HEAD`, never the
#      real tree), after checking that the original text occurs exactly once (a mutant that no longer applies after
#      a refactor fails loudly instead of silently testing nothing);
#   2. builds incrementally in two reused build dirs: build-mutants/fuzz (clang, libFuzzer, ASan+UBSan, as
#      fuzz/run-ci.sh configures it) and build-mutants/unit (Release, the unit test executables only), then puts the
#      original text back so the next mutant rebuilds only what it touches;
#   3. runs (a) the unit tests: validator_tests, openapi_tests and jsts_tests (the validator's gtest executables;
#      each run whole, as `ctest -R` would run their tests one process per test, in about 2 s instead of 60),
#      (b) the corpus replay: each fuzz target over its committed corpus with -runs=0 (what ctest's fuzz_replay.*
#      runs, here with the sanitizers on), (c) each fuzz target for N seconds from its committed corpus (new inputs
#      go to a scratch dir; the corpus is never written), stopping at its first crash or broken invariant;
#   4. prints the table (who caught which mutant, seconds to catch) and "fuzzers alone caught X of N (P%)", and
#      writes it to build-mutants/mutants.md and build-mutants/mutants.json.
#
# Before the mutants, the unmutated build runs every target for N seconds too: a target that fails there has a
# finding of its own (its column would mean nothing), and its final stats give each target's exec/s. Its binaries
# are kept (build-mutants/baseline-bin): a mutant run's finding whose input fails them too is the tree's own bug, not
# the mutant's; it is set aside (<target>.pre-existing.*) and the target fuzzes on for the rest of its N seconds.
#
#   fuzz/mutants.sh [--seconds N] [--jobs J] [--only NAME] [--targets "a b"] [--stop-at-first] [--no-baseline]
#                   [--rev REV | --worktree] [--list] [--check] [--report] [--verify]
#
#   --seconds N      fuzzing time per target and mutant (default 60)
#   --jobs J         fuzz targets (and corpus replays) run in parallel, each in-process (default 2)
#   --only NAME      one mutant (its file name, with or without the NN- prefix and .txt); repeatable
#   --targets "a b"  fuzz targets to build and run (default: every target of fuzz/run-ci.sh)
#   --stop-at-first  stop a mutant's fuzzing at the first target that catches it (the mutant's `likely:` targets
#                    run first); the table then has "-" for targets not run. Without it every target runs.
#   --no-baseline    skip the unmutated run (no exec/s, no check for pre-existing findings)
#   --rev REV        copy commit REV instead of HEAD (e.g. to finish a table on the commit it was started on)
#   --worktree       copy the working tree (tracked files, uncommitted edits included) instead of HEAD
#   --list           list the mutants and exit
#   --check          check that every mutant applies (original text exactly once) and exit; no build
#   --report         re-render the table from the results already in build-mutants/results and exit
#   --verify         re-run every finding in the results against the unmutated binaries (build-mutants/baseline-bin);
#                    one that fails there too is the tree's own bug, not the mutant's: not counted. Then --report.
#                    (Runs do this as they go: such a finding is set aside and the target fuzzes on.)
#
# A mutant file (fuzz/mutants/NN-name.txt):
#
#   description: one line, what the defect is
#   file: validator/src/engine/body_scanner.h
#   likely: differential_fuzzer body_fuzzer        (optional: run first, used with --stop-at-first)
#   --- original
#   the exact text (any number of lines; the newline before the next marker is not part of it)
#   --- replacement
#   the text it becomes (may be empty)
#   --- end
#
# Environment: MUTANTS_DIR (default <root>/build-mutants), CC/CXX are not read: clang/clang++ as in run-ci.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
jobs=2
only=()
targets=""
stop_at_first=0
baseline=1
from_worktree=0
rev=HEAD
mode=run
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --only) only+=("$2"); shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --stop-at-first) stop_at_first=1; shift ;;
    --no-baseline) baseline=0; shift ;;
    --rev) rev="$2"; shift 2 ;;
    --worktree) from_worktree=1; shift ;;
    --list) mode=list; shift ;;
    --check) mode=check; shift ;;
    --report) mode=report; shift ;;
    --verify) mode=verify; shift ;;
    -h|--help) sed -n '2,55p' "$0" | sed -E 's/^# ?//'; exit 0 ;;
    *) echo "mutants.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
all_targets="request_fuzzer body_fuzzer request_target_fuzzer contract_load_fuzzer differential_fuzzer case_file_fuzzer document_request_fuzzer schema_fuzzer suite_fuzzer string_fuzzer string_kernel_fuzzer"
targets="${targets:-$all_targets}"
out="${MUTANTS_DIR:-$root/build-mutants}"
src="$out/src"
results="$out/results"
mutant_dir="$root/fuzz/mutants"

# ---- the mutant files: parsing, applying, restoring (python: exact bytes, counted occurrences) ----------------------
mutant_tool() {  # mutant_tool <command> [args]: list | json | check <tree> [ids] | apply <tree> <id> | restore <tree>
  python3 - "$mutant_dir" "$@" <<'PY'
import json, os, sys
mdir, cmd, args = sys.argv[1], sys.argv[2], sys.argv[3:]

def parse(path):
    text = open(path, encoding="utf-8").read()
    head, sep, rest = text.partition("--- original\n")
    if not sep: sys.exit(f"{path}: no '--- original' section")
    orig, sep, rest = rest.partition("\n--- replacement\n")
    if not sep: sys.exit(f"{path}: no '--- replacement' section")
    repl, sep, _ = rest.partition("\n--- end")
    if not sep: sys.exit(f"{path}: no '--- end' line")
    meta = {}
    for line in head.splitlines():
        if line.strip() and not line.startswith("#"):
            k, _, v = line.partition(":")
            meta[k.strip()] = v.strip()
    for key in ("description", "file"):
        if not meta.get(key): sys.exit(f"{path}: no '{key}:' line")
    base = os.path.basename(path)[:-4]
    name = base.split("-", 1)[1] if base[:2].isdigit() and "-" in base else base
    return {"id": base, "name": name, "file": meta["file"], "description": meta["description"],
            "likely": meta.get("likely", "").split(), "original": orig, "replacement": repl}

def mutants():
    return [parse(os.path.join(mdir, f)) for f in sorted(os.listdir(mdir)) if f.endswith(".txt")]

def select(names):
    ms = mutants()
    if not names: return ms
    out = []
    for n in names:
        n = n[:-4] if n.endswith(".txt") else n
        hit = [m for m in ms if n in (m["id"], m["name"])]
        if not hit: sys.exit(f"no mutant named {n} (see --list)")
        out += hit
    return out

def occurrences(tree, m):
    path = os.path.join(tree, m["file"])
    if not os.path.exists(path): return -1
    return open(path, encoding="utf-8").read().count(m["original"])

if cmd == "list":
    for m in select(args):
        print(f"{m['id']:<40} {m['file']:<42} {m['description']}")
elif cmd == "json":
    print(json.dumps(select(args)))
elif cmd == "check":  # check <tree> [names]: every original text exactly once
    tree, bad = args[0], 0
    for m in select(args[1:]):
        n = occurrences(tree, m)
        if n != 1:
            bad += 1
            what = "file missing" if n < 0 else f"original text found {n} times"
            print(f"MUTANT DOES NOT APPLY: {m['id']}: {m['file']}: {what} (expected exactly once)", file=sys.stderr)
    sys.exit(1 if bad else 0)
elif cmd == "apply":  # apply <tree> <id>: the file's original bytes are kept beside the tree for restore
    tree, (m,) = args[0], select(args[1:2])
    path = os.path.join(tree, m["file"])
    text = open(path, encoding="utf-8").read()
    if text.count(m["original"]) != 1:
        sys.exit(f"apply {m['id']}: expected the original text exactly once in {m['file']}, "
                 f"found {text.count(m['original'])}")
    with open(tree.rstrip("/") + ".applied.json", "w", encoding="utf-8") as f:
        json.dump({"id": m["id"], "file": m["file"], "text": text}, f)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(m["original"], m["replacement"], 1))
elif cmd == "restore":  # restore <tree>: puts back the file the last apply changed (nothing when none is applied)
    backup = args[0].rstrip("/") + ".applied.json"
    if not os.path.exists(backup): sys.exit(0)
    saved = json.load(open(backup, encoding="utf-8"))
    with open(os.path.join(args[0], saved["file"]), "w", encoding="utf-8") as f:
        f.write(saved["text"])
    os.remove(backup)
PY
}

case "$mode" in
  list) mutant_tool list "${only[@]}"; exit 0 ;;
esac

# ---- the private source tree ----------------------------------------------------------------------------------------
# Synchronised file by file, content compared, so files that did not change keep their timestamps and the builds stay
# incremental across runs. Never the real tree: mutants are applied only under $src.
sync_tree() {
  local stage="$out/stage"
  rm -rf "$stage"
  mkdir -p "$stage" "$src"
  if [ "$from_worktree" = 1 ]; then
    git -C "$root" ls-files -z | (cd "$root" && tar --null -T - -cf - 2>/dev/null) | tar -x -C "$stage"
  else
    git -C "$root" archive "$rev" | tar -x -C "$stage"
  fi
  python3 - "$stage" "$src" <<'PY'
import filecmp, os, shutil, sys
stage, src = sys.argv[1], sys.argv[2]
want = set()
copied = 0
for d, _, files in os.walk(stage):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), stage)
        want.add(rel)
        s, t = os.path.join(stage, rel), os.path.join(src, rel)
        if os.path.islink(s) or not os.path.exists(t) or not filecmp.cmp(s, t, shallow=False):
            os.makedirs(os.path.dirname(t), exist_ok=True)
            if os.path.lexists(t): os.remove(t)
            shutil.copy2(s, t, follow_symlinks=False)
            copied += 1
removed = 0
for d, _, files in os.walk(src):
    for f in files:
        rel = os.path.relpath(os.path.join(d, f), src)
        if rel not in want:
            os.remove(os.path.join(src, rel)); removed += 1
print(f"private tree {src}: {len(want)} files, {copied} copied, {removed} removed")
PY
  rm -rf "$stage" "$src.applied.json"  # an interrupted run's backup: the sync has just put every file back
}

if [ "$mode" = report ] || [ "$mode" = verify ]; then :; else
  mkdir -p "$out"
  exec 9>"$out/.mutants.lock"
  flock -n 9 || { echo "mutants.sh: another run holds $out/.mutants.lock" >&2; exit 1; }
  sync_tree
  if [ "$from_worktree" = 1 ]; then commit="$(git -C "$root" rev-parse --short HEAD)+worktree"; else
    commit="$(git -C "$root" rev-parse --short "$rev")"; fi
  echo "$commit" >"$out/commit"
  mutant_tool check "$src" "${only[@]}"
  echo "== every mutant applies (original text exactly once)"
  [ "$mode" = check ] && exit 0
fi

# ---- builds -------------------------------------------------------------------------------------------------------
cc="$(command -v clang || command -v clang-14)"
cxx="$(command -v clang++ || command -v clang++-14)"
fuzz_build="$out/fuzz"
unit_build="$out/unit"
unit_tests="validator_tests openapi_tests jsts_tests"

configure() {
  if [ ! -f "$fuzz_build/build.ninja" ]; then
    # As fuzz/run-ci.sh: engine build, ASan+UBSan, assertions on, REQPROBE_FUZZING limits, no trace-cmp in scanners.
    cmake -S "$src" -B "$fuzz_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
      -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=$src/fuzz/coverage_ignorelist.txt -fno-omit-frame-pointer" \
      -DREQPROBE_SANITIZE="address;undefined" \
      -DREQPROBE_FUZZ_LINKMAIN=OFF -DREQPROBE_FUZZ_LDFLAGS=-fsanitize=fuzzer -DREQPROBE_WERROR=ON \
      -DREQPROBE_FUZZ_TRACE_SCANNERS=OFF -DREQPROBE_BUILD_TESTS=OFF -DREQPROBE_BUILD_CLI=OFF \
      -DREQPROBE_BUILD_BENCH=OFF >"$out/fuzz-configure.log" || { cat "$out/fuzz-configure.log"; exit 1; }
  fi
  if [ ! -f "$unit_build/build.ninja" ]; then
    cmake -S "$src" -B "$unit_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREQPROBE_WERROR=ON -DREQPROBE_BUILD_CLI=OFF \
      -DREQPROBE_BUILD_BENCH=OFF -DREQPROBE_BUILD_FUZZERS=OFF >"$out/unit-configure.log" ||
      { cat "$out/unit-configure.log"; exit 1; }
  fi
}

build() {  # build <log>: both builds; returns 1 when either fails
  local log="$1"
  # shellcheck disable=SC2086
  { cmake --build "$fuzz_build" -j"$jobs" --target $targets && cmake --build "$unit_build" -j"$jobs" --target $unit_tests; } \
    >"$log" 2>&1
}

option() {  # option <target> <key>: a value from fuzz/<target>.options
  sed -n "s/^$2 *= *//p" "$src/fuzz/$1.options"
}

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# One job slot per --jobs: run_pool <function> <items...> runs "<function> item" for each, J at a time.
run_pool() {
  local fn="$1"; shift
  local running=0
  for item in "$@"; do
    "$fn" "$item" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  done
  wait || true
}

# ---- the three kinds of check -------------------------------------------------------------------------------------
unit_check() {  # unit_check <dir>: writes <dir>/unit.res: "yes|no <seconds> <first failing test>"
  local dir="$1" t0 failed="" t
  t0="$(date +%s.%N)"
  for t in $unit_tests; do
    if ! timeout 300 "$unit_build/tests/$t" --gtest_brief=1 >"$dir/unit.$t.log" 2>&1; then
      failed="$t:$(grep -m1 -oE '^\[  FAILED  \] [^ ,]+' "$dir/unit.$t.log" | awk '{print $4}' || true)"
      [ "$failed" = "$t:" ] && failed="$t:exit-$(tail -1 "$dir/unit.$t.log" | tr ' ' '_' | cut -c1-40)"
      break
    fi
  done
  printf '%s %.1f %s\n' "$([ -n "$failed" ] && echo yes || echo no)" "$(echo "$(date +%s.%N) - $t0" | bc)" \
    "${failed:--}" >"$dir/unit.res"
}

finding_of() {  # finding_of <log>: a one-line reason from a libFuzzer log
  grep -m1 -oE 'invariant violated.*|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer).*|runtime error:.*|deadly signal|ALARM: working on the last Unit for [0-9]+ seconds|out-of-memory.*' "$1" |
    head -1 | tr -s ' \t' '_' | cut -c1-90 || true
}

replay_one() {  # replay_one <target>: corpus replay with -runs=0; writes $cur/replay.<target>.res
  local t="$1" log rc=0
  log="$cur/replay.$t.log"
  (cd "$cur" && "$fuzz_build/fuzz/$t" -runs=0 -timeout="$(option "$t" timeout)" -rss_limit_mb=2048 \
    -artifact_prefix="$cur/replay-artifacts.$t." "$src/corpus/$t" >"$log" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ]; then echo "yes $(finding_of "$log")" >"$cur/replay.$t.res"; else echo "no -" >"$cur/replay.$t.res"; fi
}

reproduces_unmutated() {  # reproduces_unmutated <target> <input>: the unmutated binary fails on the input too
  [ -x "$out/baseline-bin/$1" ] || return 1
  # (...; exit $?) 2>/dev/null: bash's own "Aborted" line for a crashing child goes nowhere.
  ! ("$out/baseline-bin/$1" -rss_limit_mb=2048 -timeout="$(option "$1" timeout)" "$2" >/dev/null 2>&1; exit $?) 2>/dev/null
}

# fuzz_one <target>: N seconds of fuzzing; writes $cur/fuzz.<target>.res: "yes|no|error <s> <reason> <exec/s>".
# A finding whose input also fails the unmutated build (kept in build-mutants/baseline-bin) is not the mutant's: it
# is kept as $cur/<target>.pre-existing.N and fuzzing goes on for the rest of the N seconds.
fuzz_one() {
  local t="$1" log rc work t0 t1 crash rate reason left rounds=0 pre=0
  log="$cur/fuzz.$t.log"
  if [ "$stop_at_first" = 1 ] && [ -e "$cur/caught" ]; then echo "skip - - -" >"$cur/fuzz.$t.res"; return; fi
  work="$scratch/$(basename "$cur").$t"
  : >"$log"
  t0="$(date +%s.%N)"
  while :; do
    left="$(awk -v s="$seconds" -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", s - (b - a) }')"
    if [ "$rounds" -gt 0 ] && [ "$left" -lt 1 ]; then  # the time ran out on findings the unmutated build has too
      echo "no $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") pre-existing-finding ${rate:--}" >"$cur/fuzz.$t.res"
      break
    fi
    [ "$left" -ge 1 ] || left=1
    rounds=$((rounds + 1))
    rm -rf "$work"
    mkdir -p "$work/new" "$work/artifacts"
    rc=0
    # The committed corpus is read, never written: libFuzzer saves what it finds in the first dir only.
    ("$fuzz_build/fuzz/$t" -max_len="$(option "$t" max_len)" -timeout="$(option "$t" timeout)" -rss_limit_mb=2048 \
      -dict="$src/fuzz/$(option "$t" dict)" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
      -max_total_time="$left" "$work/new" "$src/corpus/$t" >"$log.round" 2>&1; exit $?) 2>/dev/null || rc=$?
    cat "$log.round" >>"$log"
    t1="$(date +%s.%N)"
    crash="$(find "$work/artifacts" -type f | head -1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log.round" | tail -1)"
    reason="$(finding_of "$log.round")"
    rm -f "$log.round"
    if [ -z "$crash" ] && [ "$rc" -eq 0 ]; then
      echo "no $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") $([ "$pre" -gt 0 ] && echo "pre-existing-finding" || echo -) ${rate:--}" >"$cur/fuzz.$t.res"
      break
    fi
    if [ -n "$crash" ] && reproduces_unmutated "$t" "$crash"; then
      pre=$((pre + 1))
      cp "$crash" "$cur/$t.pre-existing.$pre.$(basename "$crash")"
      echo "   ($t: a finding that the unmutated build has too, ${reason:-?}: $cur/$t.pre-existing.$pre.*; fuzzing on)"
      continue
    fi
    [ -n "$crash" ] && cp "$crash" "$cur/$t.$(basename "$crash")"
    if [ -z "$crash" ] && [ -z "$reason" ]; then
      echo "error $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") libFuzzer-exit-$rc ${rate:--}" >"$cur/fuzz.$t.res"
    else
      echo "yes $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") ${reason:-$(basename "$crash")} ${rate:--}" >"$cur/fuzz.$t.res"
      touch "$cur/caught"
    fi
    break
  done
  rm -rf "$work"
}

# --verify: re-runs every finding of the results against the unmutated binaries; one that fails there too is the
# tree's own (not the mutant's) and its "yes" becomes "no" with reason pre-existing-finding.
verify_results() {
  local d t f r s reason rate
  for d in "$results"/*/; do
    [ "$(basename "$d")" = _baseline ] && continue
    for t in $targets; do
      [ -f "$d/fuzz.$t.res" ] || continue
      read -r r s reason rate <"$d/fuzz.$t.res"
      [ "$r" = yes ] || continue
      for f in "$d/$t".crash-* "$d/$t".timeout-* "$d/$t".oom-* "$d/$t".leak-*; do
        [ -f "$f" ] || continue
        if reproduces_unmutated "$t" "$f"; then
          mv "$f" "$d/$t.pre-existing.v.$(basename "$f" | cut -d. -f2-)"
          echo "no $s pre-existing-finding(cut-the-run-short:$reason) ${rate:--}" >"$d/fuzz.$t.res"
          echo "$(basename "$d") $t: $reason also fails the unmutated build: not counted"
          grep -q '^yes' "$d"/fuzz.*.res || rm -f "$d/caught"
        fi
      done
    done
  done
}

# ---- the table ----------------------------------------------------------------------------------------------------
render() {
  python3 - "$out" "$results" "$mutant_dir" "$targets" <<'PY'
import json, os, sys
out, results, mdir, targets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
def read(path, default=None):
    try: return open(path).read().split()
    except OSError: return default
meta = json.load(open(os.path.join(out, "mutants-meta.json")))
short = {t: t.replace("_fuzzer", "") for t in targets}
rows, data = [], {"commit": open(os.path.join(out, "commit")).read().strip() if os.path.exists(os.path.join(out, "commit")) else "",
                  "targets": targets, "mutants": []}
run_info = {}
if os.path.exists(os.path.join(results, "run.json")): run_info = json.load(open(os.path.join(results, "run.json")))
data.update(run_info)
base = os.path.join(results, "_baseline")
baseline = {}
for t in targets:
    r = read(os.path.join(base, f"fuzz.{t}.res"))
    if r: baseline[t] = {"finding": r[0] != "no", "seconds": r[1], "reason": r[2], "exec_per_sec": r[3]}
data["baseline"] = baseline
caught_fuzz = caught_any = built = 0
build_failed = []
for m in meta:
    d = os.path.join(results, m["id"])
    if not os.path.isdir(d): continue
    entry = {"id": m["id"], "name": m["name"], "file": m["file"], "description": m["description"]}
    if os.path.exists(os.path.join(d, "build-failed")):
        entry["build"] = "failed"; build_failed.append(m["name"]); data["mutants"].append(entry); continue
    if not os.path.exists(os.path.join(d, "done")): continue
    built += 1
    u = read(os.path.join(d, "unit.res"), ["?", "-", "-"])
    entry["unit"] = {"caught": u[0] == "yes", "seconds": u[1], "test": u[2]}
    rep = {}
    for t in targets:
        r = read(os.path.join(d, f"replay.{t}.res"))
        if r: rep[t] = {"caught": r[0] == "yes", "reason": r[1] if len(r) > 1 else "-"}
    entry["replay"] = rep
    fz = {}
    for t in targets:
        r = read(os.path.join(d, f"fuzz.{t}.res"))
        if r: fz[t] = {"result": r[0], "seconds": r[1], "reason": r[2], "exec_per_sec": r[3] if len(r) > 3 else "-"}
    entry["fuzz"] = fz
    fuzz_caught = any(v["result"] == "yes" for v in fz.values())
    entry["caught_by_fuzzers"] = fuzz_caught
    caught_fuzz += fuzz_caught
    caught_any += fuzz_caught or entry["unit"]["caught"] or any(v["caught"] for v in rep.values())
    data["mutants"].append(entry)
total = built + len(build_failed)
pct = 100.0 * caught_fuzz / total if total else 0.0
summary = f"fuzzers alone caught {caught_fuzz} of {total} ({pct:.0f}%)"
if build_failed: summary += f"; {len(build_failed)} failed to build (counted as not caught): {', '.join(build_failed)}"
data["summary"] = summary
data["caught_by_fuzzers"] = caught_fuzz; data["total"] = total; data["caught_by_anything"] = caught_any
def cell(v):
    if v is None: return "?"
    if v["result"] == "yes": return f"yes {float(v['seconds']):.0f}s"
    if v["result"] == "skip": return "-"
    if v["result"] == "error": return "error"
    return "no*" if v["reason"].startswith("pre-existing") else "no"
head = ["mutant", "unit", "replay"] + [short[t] for t in targets] + ["fuzzers"]
lines = []
for e in data["mutants"]:
    if e.get("build") == "failed":
        lines.append([e["name"], "build failed", ""] + [""] * len(targets) + ["no"]); continue
    rep = [t for t, v in e["replay"].items() if v["caught"]]
    lines.append([e["name"], "yes" if e["unit"]["caught"] else "no",
                  ("yes: " + ", ".join(short[t] for t in rep)) if rep else "no"] +
                 [cell(e["fuzz"].get(t)) for t in targets] + ["yes" if e["caught_by_fuzzers"] else "**no**"])
# Console: fixed width.
widths = [max(len(str(r[i])) for r in [head] + lines) for i in range(len(head))]
con = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in [head] + lines]
md = ["| # | " + " | ".join(head) + " |", "|---|" + "|".join("---" for _ in head) + "|"]
for i, r in enumerate(lines, 1): md.append(f"| {i} | " + " | ".join(str(c) for c in r) + " |")
desc = ["", "| mutant | file | defect |", "|---|---|---|"]
for e in data["mutants"]: desc.append(f"| `{e['name']}` | `{e['file']}` | {e['description']} |")
rates = []
if baseline:
    rates = ["", "| target | exec/s (unmutated, 1 worker, " + str(data.get("jobs", "?")) + " targets at once) | finding on the unmutated tree |",
             "|---|---:|---|"]
    for t in targets:
        b = baseline.get(t)
        if b: rates.append(f"| `{t}` | {b['exec_per_sec']} | {'**' + b['reason'] + '**' if b['finding'] else 'none'} |")
escaped = [e["name"] for e in data["mutants"] if e.get("build") != "failed" and not e["caught_by_fuzzers"]]
data["escaped"] = escaped
info = (f"commit {data['commit']}, {data.get('seconds', '?')} s per target, {data.get('jobs', '?')} targets at once, "
        f"started {data.get('started', '?')}, wall time {data.get('wall', '?')}")
text = "\n".join(con) + "\n\n" + summary + "\n" + (f"escaped the fuzzers: {', '.join(escaped)}\n" if escaped else "")
open(os.path.join(out, "mutants.md"), "w").write(
    "# Mutation testing\n\n" + info + "\n\n" + "\n".join(md) + "\n\n**" + summary + "**\n" + "\n".join(desc) + "\n" +
    "\n".join(rates) + "\n")
json.dump(data, open(os.path.join(out, "mutants.json"), "w"), indent=1)
print(text + ("\nexec/s on the unmutated tree: " + ", ".join(f"{t} {baseline[t]['exec_per_sec']}" for t in targets if t in baseline) if baseline else ""))
print(f"\n{info}\nwritten: {out}/mutants.md, {out}/mutants.json")
PY
}

if [ "$mode" = report ]; then render; exit 0; fi
if [ "$mode" = verify ]; then verify_results; render; exit 0; fi

# ---- the run ------------------------------------------------------------------------------------------------------
started="$(date '+%Y-%m-%d %H:%M')"
t_start="$(date +%s)"
mapfile -t ids < <(mutant_tool json "${only[@]}" | python3 -c 'import json,sys; [print(m["id"]) for m in json.load(sys.stdin)]')
mutant_tool json >"$out/mutants-meta.json"
mkdir -p "$results"
[ "${#only[@]}" -eq 0 ] && rm -rf "${results:?}"/*  # a full run starts a fresh table; --only adds to it
scratch="$(mktemp -d "$( [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/reqprobe-mutants.XXXXXX")"
applied=""
cleanup() {
  [ -n "$applied" ] && mutant_tool restore "$src" || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
configure
echo "== $(date +%T) building the unmutated tree in $fuzz_build and $unit_build"
if ! build "$out/build.baseline.log"; then tail -30 "$out/build.baseline.log"; echo "the unmutated tree does not build" >&2; exit 1; fi
# The unmutated binaries, to tell a mutant's findings from the tree's own (reproduces_unmutated).
rm -rf "$out/baseline-bin"; mkdir -p "$out/baseline-bin"
for t in $targets; do cp "$fuzz_build/fuzz/$t" "$out/baseline-bin/"; done
echo "$commit" >"$out/baseline-bin/commit"
python3 -c 'import json,sys; json.dump({"seconds": int(sys.argv[1]), "jobs": int(sys.argv[2]), "started": sys.argv[3]}, open(sys.argv[4], "w"))' \
  "$seconds" "$jobs" "$started" "$results/run.json"

if [ "$baseline" = 1 ]; then
  cur="$results/_baseline"
  rm -rf "$cur"; mkdir -p "$cur"
  echo "== $(date +%T) unmutated: unit tests, corpus replay, ${seconds}s per target (exec/s, and no finding of its own)"
  unit_check "$cur"
  [ "$(cut -d' ' -f1 "$cur/unit.res")" = no ] || echo "!! the unit tests fail on the unmutated tree: $(cat "$cur/unit.res")"
  # shellcheck disable=SC2086
  run_pool replay_one $targets
  # shellcheck disable=SC2086
  save_stop="$stop_at_first"; stop_at_first=0; run_pool fuzz_one $targets; stop_at_first="$save_stop"
  for t in $targets; do
    printf '   %-24s replay %-3s fuzz %s\n' "$t" "$(cut -d' ' -f1 "$cur/replay.$t.res")" "$(cat "$cur/fuzz.$t.res")"
  done
fi

for id in "${ids[@]}"; do
  cur="$results/$id"
  rm -rf "$cur"; mkdir -p "$cur"
  likely="$(python3 -c 'import json,sys; [print(" ".join(m["likely"])) for m in json.load(open(sys.argv[1])) if m["id"]==sys.argv[2]]' "$out/mutants-meta.json" "$id")"
  order=""
  for t in $likely $targets; do case " $order " in *" $t "*) ;; *) case " $targets " in *" $t "*) order="$order $t" ;; esac ;; esac; done
  echo "== $(date +%T) $id"
  mutant_tool apply "$src" "$id"
  applied="$id"
  if ! build "$cur/build.log"; then
    touch "$cur/build-failed"
    echo "   build failed (counted as not caught): $(grep -m1 -E 'error:' "$cur/build.log" || tail -1 "$cur/build.log")"
    mutant_tool restore "$src"; applied=""
    continue
  fi
  # The binaries are built: put the original back now, so an interrupted run never leaves the private tree mutated.
  mutant_tool restore "$src"; applied=""
  unit_check "$cur"
  # shellcheck disable=SC2086
  run_pool replay_one $order
  # shellcheck disable=SC2086
  run_pool fuzz_one $order
  touch "$cur/done"
  line="   unit $(cut -d' ' -f1 "$cur/unit.res")  replay"
  for t in $order; do [ "$(cut -d' ' -f1 "$cur/replay.$t.res")" = yes ] && line="$line ${t%_fuzzer}"; done
  line="$line  fuzz:"
  for t in $order; do read -r r s _ <"$cur/fuzz.$t.res"; [ "$r" = yes ] && line="$line ${t%_fuzzer}(${s}s)"; done
  echo "$line"
done

wall=$(( $(date +%s) - t_start ))
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["wall"]=sys.argv[2]; json.dump(d, open(sys.argv[1], "w"))' \
  "$results/run.json" "$((wall / 60)) min $((wall % 60)) s"
# Binaries of the last mutant are stale until the next build; the sources are original again.
echo
render
