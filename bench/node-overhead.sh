#!/usr/bin/env bash
# NEX7 engine cost per node (JMH): bench/jmh/dev/nex7/workflow/engine/NodeOverheadBenchmark.java runs one
# low-latency execution (in memory) of a webhook trigger followed by a chain of 1 or 10 nodes; the
# per-node overhead is (t(10) - t(1)) / 9, for a pass-through node (merge: the engine's own cost) and
# for set n = {{ body.n + 1 }} (engine + one JSONata expression, like the peers' flows).
#
#   JMH_ARGS="-wi 5 -i 5 -f 1"  (defaults are in the benchmark class)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_java 21
print_machine
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"
log "compiling the benchmark (Maven profile bench)"
./nex7 mvn -q -Pbench -Dskip.npm=true -pl nex7-server test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
CP="nex7-server/target/test-classes:nex7-server/target/classes:$(cat nex7-server/target/bench.classpath)"
OUT="$(mktemp)"
# shellcheck disable=SC2086
"$JAVA" -cp "$CP" org.openjdk.jmh.Main NodeOverheadBenchmark -rf json -rff "$OUT" ${JMH_ARGS:-} >&2
python3 - "$OUT" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
t = {(r["params"]["node"], int(r["params"]["chain"])): r["primaryMetric"]["score"] for r in rows}
def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")
err = {(r["params"]["node"], int(r["params"]["chain"])): number(r["primaryMetric"]["scoreError"]) for r in rows}
for node in sorted({k[0] for k in t}):
    one, ten = t[(node, 1)], t[(node, 10)]
    print(f"{node:6s} chain 1: {one:8.2f} ± {err[(node, 1)]:.2f} µs/execution   chain 10: {ten:8.2f} ± {err[(node, 10)]:.2f} µs/execution"
          f"   per node: {(ten - one) / 9:6.2f} µs")
PY
rm -f "$OUT"
