#!/usr/bin/env python3
"""The HTTP-heavy parts of crash-test.sh (standard library only).

  crash-tool.py start  BASE TOKEN WORKFLOW COUNT IDS_FILE
      Starts COUNT executions (POST /api/workflows/WORKFLOW/executions, 8 at a time) and writes
      their ids to IDS_FILE, one per line. Exits 1 if any start was not answered 202.
  crash-tool.py report BASE TOKEN WORKFLOW IDS_FILE COUNTER_LOG KILL_TIME NODE_IDS
      Reads every execution of WORKFLOW and its node runs, and the counter's log of side effects;
      prints the counts and exits 1 if an execution was lost, duplicated, failed or unfinished, a
      node run is missing or not succeeded, or a side effect was repeated other than for a node
      whose result was not recorded when the process was killed; exits 2 if no execution had
      finished before KILL_TIME (epoch seconds) or none after it. NODE_IDS: comma-separated.
"""
import json
import sys
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

UNFINISHED = ("queued", "running", "waiting")


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")[:500]


def start(base, token, workflow, count, ids_file):
    began = time.monotonic()

    def one(i):
        return call(base, token, "POST", f"/api/workflows/{workflow}/executions", {"input": {"i": i}})

    failures = []
    with open(ids_file, "w") as out, ThreadPoolExecutor(8) as pool:
        for i, (status, body) in enumerate(pool.map(one, range(count))):
            if status == 202:
                out.write(body["id"] + "\n")
                out.flush()
            else:
                failures.append(f"start {i}: {status} {body}")
    print(f"started {count - len(failures)} of {count} executions in {time.monotonic() - began:.1f} s")
    for failure in failures[:10]:
        print("  " + failure)
    return 1 if failures else 0


def report(base, token, workflow, ids_file, counter_log, kill_time, node_ids):
    kill_time = float(kill_time)
    expected_nodes = node_ids.split(",")
    started = [line.strip() for line in open(ids_file) if line.strip()]
    listed, page = [], 0
    while True:
        status, body = call(base, token, "GET", f"/api/executions?workflowId={workflow}&size=100&page={page}&sort=createdAt,asc")
        if status != 200:
            sys.exit(f"listing executions answered {status}: {body}")
        listed += body["items"]
        page += 1
        if page >= body["totalPages"]:
            break
    listed_ids = [e["id"] for e in listed]
    statuses = Counter(e["status"] for e in listed)

    def detail(execution_id):
        status, body = call(base, token, "GET", f"/api/executions/{execution_id}")
        if status != 200:
            sys.exit(f"GET /api/executions/{execution_id} answered {status}: {body}")
        return body

    with ThreadPoolExecutor(4) as pool:
        details = dict(zip(listed_ids, pool.map(detail, listed_ids)))

    # Side effects seen by the counter.
    calls = [json.loads(line) for line in open(counter_log) if line.strip()]
    by_key = defaultdict(list)
    for c in calls:
        by_key[c["key"]].append(c)
    keys_by_execution = defaultdict(set)
    for key in by_key:
        keys_by_execution[(key or "").split(":")[0]].add(key)

    # Node runs as recorded, and whether a repeated call is one whose result was never recorded.
    bad_runs, attempts, recorded_mismatch = [], Counter(), []
    repeats_justified, repeats_unjustified = 0, []
    for execution_id, d in details.items():
        runs = Counter(n["nodeId"] for n in d["nodes"])
        ok = {n["nodeId"] for n in d["nodes"] if n["status"] == "succeeded"}
        if sorted(runs.elements()) != sorted(expected_nodes) or ok != set(expected_nodes):
            key = next(iter(keys_by_execution.get(execution_id, [])), None)
            bad_runs.append(f"{execution_id}: " + ", ".join(
                f"{n['nodeId']} {n['status']}" + (f" ({n['error'].get('code')}: {n['error'].get('message')}; "
                                                  f"attempts {n['attempts']}, finished {relative(n['finishedAt'], kill_time)})"
                                                  if n.get("error") else "") for n in d["nodes"])
                + f"; counter calls at {[relative(c['time'], kill_time) for c in by_key.get(key, [])]}")
        for n in d["nodes"]:
            attempts[(n["nodeId"], n["attempts"])] += 1
            if n["nodeId"] == "call" and n["status"] == "succeeded":
                key = next(iter(keys_by_execution.get(execution_id, [])), None)
                seen = sorted(c["seq"] for c in by_key.get(key, []))
                recorded = ((n.get("output") or {}).get("main") or {}).get("body", {}).get("seq")
                if not seen or recorded != seen[-1]:
                    recorded_mismatch.append(f"{execution_id}: recorded seq {recorded}, counter saw {seen}")
                elif len(seen) > 1:
                    earlier = [c for c in by_key[key] if c["seq"] != recorded]
                    if all(c["time"] < kill_time for c in earlier):
                        repeats_justified += len(earlier)
                    else:
                        repeats_unjustified.append(f"{key}: calls at {[round(c['time'] - kill_time, 3) for c in by_key[key]]} s from the kill")

    started_set, listed_set = set(started), set(listed_ids)
    missing = started_set - listed_set
    unexpected = listed_set - started_set
    duplicate_rows = len(listed_ids) - len(listed_set)
    succeeded = {e["id"] for e in listed if e["status"] == "succeeded"}
    twice = {e: k for e, k in keys_by_execution.items() if len(k) > 1}
    foreign = [k for k in by_key if (k or "").split(":")[0] not in started_set]
    no_effect = [e for e in succeeded if e not in keys_by_execution]
    repeated_keys = {k: len(v) for k, v in by_key.items() if len(v) > 1}
    finished_before = sum(1 for e in listed if e["finishedAt"] and epoch(e["finishedAt"]) < kill_time)
    finished_after = sum(1 for e in listed if e["finishedAt"] and epoch(e["finishedAt"]) >= kill_time)
    before_kill = sum(1 for c in calls if c["time"] < kill_time)

    print(f"executions started (202)         : {len(started)} ({len(started_set)} distinct ids)")
    print(f"executions recorded              : {len(listed_ids)} (by status: {dict(sorted(statuses.items()))})")
    print(f"  succeeded                      : {len(succeeded)}")
    print(f"  failed / cancelled             : {statuses['failed']} / {statuses['cancelled']}")
    print(f"  still unfinished               : {sum(statuses[s] for s in UNFINISHED)}")
    print(f"  finished before / after kill   : {finished_before} / {finished_after} (by finishedAt)")
    print(f"  lost (started, not recorded)   : {len(missing)}")
    print(f"  duplicated rows / not started  : {duplicate_rows} / {len(unexpected)}")
    print(f"node runs per execution          : expected {len(expected_nodes)} succeeded ({', '.join(expected_nodes)}); "
          f"{len(details) - len(bad_runs)} executions as expected, {len(bad_runs)} not")
    print(f"  attempts recorded              : " + ", ".join(f"{node}×{a}: {n}" for (node, a), n in sorted(attempts.items())))
    print(f"side-effect calls (counter)      : {len(calls)} ({before_kill} before the kill, {len(calls) - before_kill} after)")
    print(f"  distinct idempotency keys      : {len(by_key)}")
    print(f"  repeats (same key again)       : {len(calls) - len(by_key)} in {len(repeated_keys)} keys; "
          f"{repeats_justified} of them redo a call made before the kill whose result was not recorded")
    print(f"  unjustified repeats            : {len(repeats_unjustified)}")
    print(f"  calls without a key / foreign  : {len(by_key.get(None, []))} / {len(foreign)}")
    print(f"  executions counted twice       : {len(twice)} (side effect under more than one key)")
    print(f"  succeeded without a side effect: {len(no_effect)}")
    print(f"  recorded result != last call   : {len(recorded_mismatch)}")
    for title, items in (("lost", sorted(missing)), ("node runs not as expected", bad_runs), ("counted twice", list(twice.items())),
                         ("unjustified repeats", repeats_unjustified), ("recorded result mismatch", recorded_mismatch),
                         ("succeeded without a side effect", no_effect)):
        for item in items[:5]:
            print(f"  {title}: {item}")
    failed = (missing or duplicate_rows or unexpected or len(succeeded) != len(started) or bad_runs or twice or foreign
              or repeats_unjustified or recorded_mismatch or no_effect or by_key.get(None))
    if failed:
        print("RESULT: FAILED - see the counts above")
        return 1
    if not finished_before or not finished_after:
        print("RESULT: NOT VALID - the kill must come when some executions have finished and some have not "
              "(adjust KILL_AT or WAIT_SECONDS)")
        return 2
    print(f"RESULT: all {len(started)} executions completed once: none lost, none duplicated")
    return 0


def relative(instant, kill_time):
    """An instant (ISO text or epoch seconds) as seconds from the kill, e.g. "kill+3.2s"."""
    if instant is None:
        return "-"
    seconds = (instant if isinstance(instant, float) else epoch(instant)) - kill_time
    return f"kill{seconds:+.3f}s"


def epoch(instant):
    return datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp()


if __name__ == "__main__":
    command, args = sys.argv[1] if len(sys.argv) > 1 else "", sys.argv[2:]
    if command == "start" and len(args) == 5:
        sys.exit(start(args[0], args[1], args[2], int(args[3]), args[4]))
    if command == "report" and len(args) == 7:
        sys.exit(report(*args))
    sys.exit(__doc__)
