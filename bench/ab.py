#!/usr/bin/env python3
"""A/B timing of two reqprobe_bench binaries (say, main's and an older commit's), interleaved so that a change in
the machine's load hits both alike: round i runs A then B (B then A on odd rounds), each with R repetitions, and
keeps each benchmark's median CPU time per run (--stat min: its fastest repetition). Prints, per benchmark, both sides' medians over the rounds and the
B/A ratio of each round (pairs taken the same minute), then the median ratio.

    bench/ab.py --a /tmp/old/build/bench/reqprobe_bench --b build/bench/reqprobe_bench \\
                --filter 'BM_ReqprobeRequest_(Minimal|Typical)$' --rounds 5 --repetitions 5

Only benchmarks both binaries have are compared. Exit status 0; the numbers are for a person to judge (noise on a
shared machine is what the pairing is for, not something a threshold here could rule out). --json FILE keeps them.
"""
import argparse
import json
import statistics
import subprocess
import sys


def run(binary, pattern, repetitions, min_time, stat):
    out = subprocess.run([binary, f"--benchmark_filter={pattern}", f"--benchmark_repetitions={repetitions}",
                          f"--benchmark_min_time={min_time}", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    times = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") == "iteration":
            ns = b["cpu_time"] * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            times.setdefault(b["run_name"], []).append(ns)
    pick = min if stat == "min" else statistics.median
    return {name: pick(values) for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", required=True, help="the baseline binary")
    parser.add_argument("--b", required=True, help="the binary under test")
    parser.add_argument("--filter", required=True, help="benchmark regex (Google Benchmark's --benchmark_filter)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--min-time", default="0.1", help="seconds per repetition (default 0.1)")
    parser.add_argument("--stat", choices=["median", "min"], default="median",
                        help="what each run keeps of its repetitions: the median, or the minimum (noise on a shared "
                             "machine only ever adds time, so the fastest repetition is the least disturbed one)")
    parser.add_argument("--json", help="write every round's per-run values to this file")
    args = parser.parse_args()
    rounds = []
    for i in range(args.rounds):
        order = [("a", args.a), ("b", args.b)] if i % 2 == 0 else [("b", args.b), ("a", args.a)]
        got = {side: run(binary, args.filter, args.repetitions, args.min_time, args.stat) for side, binary in order}
        rounds.append(got)
        print(f"round {i + 1}/{args.rounds} done", file=sys.stderr)
    names = [n for n in rounds[0]["a"] if all(n in r["a"] and n in r["b"] for r in rounds)]
    if not names:
        sys.exit("ab.py: no benchmark matches the filter in both binaries")
    head = f"{args.stat} ns (range)"
    print(f"{'benchmark':<44} {'A ' + head:>26} {'B ' + head:>26} {'B/A per round':>34} {'B/A':>6}")
    for name in names:
        a = [r["a"][name] for r in rounds]
        b = [r["b"][name] for r in rounds]
        ratios = [y / x for x, y in zip(a, b)]
        fmt = lambda v: f"{statistics.median(v):,.1f} ({min(v):,.1f}-{max(v):,.1f})"
        print(f"{name:<44} {fmt(a):>26} {fmt(b):>26} {' '.join(f'{r:.2f}' for r in ratios):>34} "
              f"{statistics.median(ratios):>6.3f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"a": args.a, "b": args.b, "rounds": rounds}, f, indent=1)


if __name__ == "__main__":
    main()
