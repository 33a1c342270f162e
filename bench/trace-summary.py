#!/usr/bin/env python3
"""Summarises a Chrome trace written by CanvasBench (NEX7_CANVAS_TRACE=DIR): where the time went.

  trace-summary.py TRACE.json [--per N] [--top K]

Prints, for the traced span:
  - busy time per thread (sum of top-level tasks), renderer main thread first;
  - the renderer main thread's self time by trace event (script, style, layout, paint, ...);
  - JavaScript self and total time by function, from the V8 sampler (ProfileChunk events).
--per N divides every figure by N as well (e.g. the number of edits or frames), to read costs per step.
"""
import argparse
import collections
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return data["traceEvents"] if isinstance(data, dict) else data


def thread_names(events):
    names = {}
    for e in events:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            names[(e["pid"], e["tid"])] = e["args"]["name"]
    return names


def complete_events(events):
    """X events, and B/E pairs turned into X, per thread, sorted by start."""
    by_thread = collections.defaultdict(list)
    open_ = collections.defaultdict(list)
    for e in events:
        ph = e.get("ph")
        key = (e.get("pid"), e.get("tid"))
        if ph == "X" and "dur" in e:
            by_thread[key].append((e["ts"], e["dur"], e["name"]))
        elif ph == "B":
            open_[key].append(e)
        elif ph == "E" and open_[key]:
            b = open_[key].pop()
            by_thread[key].append((b["ts"], e["ts"] - b["ts"], b["name"]))
    for key in by_thread:
        by_thread[key].sort(key=lambda t: (t[0], -t[1]))
    return by_thread


def self_times(spans):
    """Self time by event name (duration less that of the events nested directly inside), and the top-level total."""
    selfs = collections.Counter()
    top_level = 0.0
    stack = []  # [end, name, child_total]
    def close(item):
        end, name, start, dur, children = item
        selfs[name] += max(0.0, dur - children)
    for ts, dur, name in spans:
        while stack and stack[-1][0] <= ts:
            close(stack.pop())
        if stack:
            stack[-1][4] += dur
        else:
            top_level += dur
        stack.append([ts + dur, name, ts, dur, 0.0])
    while stack:
        close(stack.pop())
    return selfs, top_level


def js_profile(events, pid, tid):
    """Self and total sampled time (µs) per function of the V8 CPU profile of one thread."""
    nodes = {}
    samples = []
    deltas = []
    profile_ids = set()
    for e in events:
        if e.get("name") == "Profile" and e.get("pid") == pid and e.get("tid") == tid:
            profile_ids.add(e.get("id"))
    for e in events:
        if e.get("name") != "ProfileChunk" or e.get("pid") != pid:
            continue
        if profile_ids and e.get("id") not in profile_ids:
            continue
        data = e.get("args", {}).get("data", {})
        cpu = data.get("cpuProfile", {})
        for n in cpu.get("nodes", []):
            frame = n.get("callFrame", {})
            name = frame.get("functionName") or "(anonymous)"
            url = frame.get("url", "")
            where = f"{url.rsplit('/', 1)[-1]}:{frame.get('lineNumber', -1) + 1}" if url else ""
            nodes[n["id"]] = (f"{name} {where}".strip(), n.get("parent"))
        samples += cpu.get("samples", [])
        deltas += data.get("timeDeltas", [])
    selfs = collections.Counter()
    totals = collections.Counter()
    for i, node in enumerate(samples[:-1]):
        dt = deltas[i + 1] if i + 1 < len(deltas) else 0
        if node not in nodes:
            continue
        selfs[nodes[node][0]] += dt
        seen = set()
        current = node
        while current in nodes:
            name, parent = nodes[current]
            if name not in seen:
                totals[name] += dt
                seen.add(name)
            current = parent
    return selfs, totals


def renderer(events, spans, main_key, top_count, fmt):
    selfs, top = self_times(spans[main_key])
    print(f"\nrenderer main thread (pid {main_key[0]}), self time by event, of {top / 1000:.0f} ms busy:")
    for name, us in selfs.most_common(top_count):
        print(f"  {fmt(us)}  {name}")
    js_self, js_total = js_profile(events, *main_key)
    if js_self:
        print(f"\nJavaScript (pid {main_key[0]}), self time by function (sampled):")
        for name, us in js_self.most_common(top_count):
            print(f"  {fmt(us)}  {name}")
        print(f"\nJavaScript (pid {main_key[0]}), total time by function (sampled, includes callees):")
        for name, us in js_total.most_common(top_count):
            print(f"  {fmt(us)}  {name}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("--per", type=int, default=0, help="also show each figure divided by this count")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    events = load(args.trace)
    names = thread_names(events)
    spans = complete_events(events)
    stamps = [e["ts"] for e in events if e.get("ph") in ("X", "B", "E") and "ts" in e]
    span_ms = (max(stamps) - min(stamps)) / 1000 if stamps else 0

    def fmt(us):
        ms = us / 1000
        return f"{ms:9.1f} ms" + (f"  {ms / args.per:7.2f} ms/step" if args.per else "")

    print(f"trace {args.trace}: {span_ms:.0f} ms")
    print("\nbusy time per thread (top-level tasks):")
    busy = []
    for key, items in spans.items():
        _, top = self_times(items)
        busy.append((top, key))
    busy.sort(reverse=True)
    for top, key in busy[:12]:
        print(f"  {fmt(top)}  {names.get(key, '?')} (pid {key[0]})")

    mains = [(top, key) for top, key in busy if names.get(key) == "CrRendererMain"]
    if not mains:
        print("no renderer main thread in the trace")
        return 1
    # Tracing is browser-wide: every page that did real work in the span is shown, busiest first.
    for busy_us, main_key in mains:
        if busy_us < mains[0][0] / 5:
            continue
        renderer(events, spans, main_key, args.top, fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
