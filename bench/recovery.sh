#!/usr/bin/env bash
# NEX7 auto-recovery figures (issue 7): time from a failed deployment event to a proven fix, less the
# project's own command time (npm and tsc), for the three breakages of a real Node/TypeScript project
# (missing dependency, wrong import path, type error fixed by the Debugger's patch from a fake model),
# and the fix success rate. It runs the full-loop test (LocalRecoveryIntegrationTests: real git
# repositories, a local npm registry, real npm ci + tsc builds in the sandbox) ROUNDS times and reads
# the proof times the recovery itself recorded (RecoveryAttempt.proofMillis), printed by the test.
#
#   ROUNDS=3
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_java 21
print_machine
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"
out=$(mktemp)
rounds=${ROUNDS:-3}
failed_rounds=0
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds"
  if ! ./nex7 mvn -o -Dskip.npm=true -pl nex7-server test -Dtest=LocalRecoveryIntegrationTests \
      -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.printSummary=true >"$out.$round" 2>&1; then
    failed_rounds=$((failed_rounds + 1))
  fi
  grep -h "RECOVERY-FIGURE" "$out.$round" >>"$out" || true
done
echo
echo "strategy            fixes  proof p50 ms  proof max ms  project commands p50 ms"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "-" }'; }
for strategy in add-dependency fix-import-path model-patch; do
  lines=$(grep "strategy=$strategy " "$out" || true)
  count=$(printf '%s' "$lines" | grep -c . || true)
  proof=$(printf '%s\n' "$lines" | sed -nE 's/.*proofMillis=([0-9]+).*/\1/p')
  commands=$(printf '%s\n' "$lines" | sed -nE 's/.*projectCommandMillis=([0-9]+).*/\1/p')
  printf '%-18s  %5s  %12s  %12s  %22s\n' "$strategy" "$count" "$(printf '%s\n' "$proof" | median)" \
    "$(printf '%s\n' "$proof" | sort -n | tail -1)" "$(printf '%s\n' "$commands" | median)"
done
proven=$(grep -c RECOVERY-FIGURE "$out" || true)
echo
echo "fix success rate: $proven proven of $((rounds * 3)) breakages ($rounds rounds x 3); rounds with a failing test: $failed_rounds"
print_load_now
