#!/usr/bin/env bash
# NEX7 model gateway overhead (issue 6): bench/jmh/dev/nex7/llm/GatewayOverhead.java starts NEX7
# in-process (embedded PostgreSQL in a temporary directory) with Anthropic pointed at a local fake
# whose first token comes 50 ms after the request, then runs STREAMS concurrent streams per round,
# alternating rounds read directly with a plain HTTP client and rounds through ModelGateway.stream,
# and prints p50/p90/p99/max of the time to first token both ways and the difference.
# Target: added time to first token <= 1 ms p50 and <= 5 ms p99 at 200 concurrent streams.
#
#   STREAMS=200 ROUNDS=10 WARMUP=5 JAVA_OPTS="-Xmx1g"
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
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -Dstreams="${STREAMS:-200}" -Drounds="${ROUNDS:-10}" -Dwarmup="${WARMUP:-5}" \
  -cp "$CP" dev.nex7.llm.GatewayOverhead
print_load_now
