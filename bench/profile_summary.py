#!/usr/bin/env python3
"""Ranks the ops of a LibTorch chrome trace (bench_training_throughput --profile) by self time.

    python3 bench/profile_summary.py trace.json [--top 25]

Self time = an op's duration minus that of the ops it called (nested on the same thread), so the
column adds up to the traced time and says where it really went.
"""
import argparse
import collections
import json


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with open(args.trace) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    spans = [e for e in events if e.get("ph") == "X" and "dur" in e]
    by_thread = collections.defaultdict(list)
    for e in spans:
        by_thread[e.get("tid")].append(e)
    self_time = collections.Counter()
    calls = collections.Counter()
    total = 0.0
    for thread_spans in by_thread.values():
        thread_spans.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [end, name, child time]
        def close_until(ts):
            while stack and stack[-1][0] <= ts:
                end, name, children, dur = stack.pop()
                self_time[name] += dur - children
                if stack:
                    stack[-1][2] += dur
        for e in thread_spans:
            close_until(e["ts"])
            if not stack:
                total += e["dur"]
            stack.append([e["ts"] + e["dur"], e["name"], 0.0, e["dur"]])
            calls[e["name"]] += 1
        close_until(float("inf"))
    print(f"{'op':44s} {'self ms':>10s} {'share':>7s} {'calls':>8s}")
    for name, us in self_time.most_common(args.top):
        print(f"{name[:44]:44s} {us / 1000:10.1f} {100 * us / total:6.1f}% {calls[name]:8d}")
    print(f"{'traced total':44s} {total / 1000:10.1f}")


if __name__ == "__main__":
    main()
