#!/usr/bin/env bash
# NEX7 build-log analysis throughput (issue 7): bench/jmh/dev/nex7/deployment/LogAnalysisBench.java builds a log of
# MIB MiB from the corpus's real logs repeated (every block full of errors, stack traces and paths: the analyzers'
# worst case) and prints the time of ten analyses and MiB/s.
#
#   MIB=5
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
cd nex7-server
"$JAVA" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.nex7.deployment.LogAnalysisBench "${MIB:-5}"
print_load_now
