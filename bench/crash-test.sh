#!/usr/bin/env bash
# NEX7 crash test: EXECUTIONS (1,000) executions started, the JVM killed with SIGKILL mid-way,
# restarted on the same data dir: every execution must complete exactly once.
#
# Workflow: manual trigger -> wait WAIT_SECONDS (durable) -> HTTP POST to a local counter server
# (python3, started here) with the run's Idempotency-Key -> set done = true. The counter logs
# every call the moment it arrives and answers after DELAY_MS, so a kill can fall between a side
# effect and the recording of its result. The JVM is killed (kill -9, by its PID) once KILL_AT
# calls have been seen, after all executions were started; the test only counts if at that moment
# some executions had finished and some had not (told by their recorded finishedAt).
#
# The engine's lease (30 s by default) delays resumption after a crash; this run sets
# NEX7_WORKFLOW_ENGINE_LEASE=5s and NEX7_WORKFLOW_ENGINE_HEARTBEAT=1s (override them in the
# environment).
#
# Exit status: 0 all executions completed once; 1 an execution was lost, duplicated, failed or
# unfinished, or a side effect repeated without cause; 2 the kill came too early or too late.
#
#   EXECUTIONS=1000 WAIT_SECONDS=3 DELAY_MS=200 KILL_AT=$((EXECUTIONS * 3 / 10)) FINISH_TIMEOUT=600
#   EXPRESSION=1   0: the HTTP node's body is literal instead of {"execution": "{{ $execution.id }}"}
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir with the logs and the counter's log)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EXECUTIONS="${EXECUTIONS:-1000}"
WAIT_SECONDS="${WAIT_SECONDS:-3}"
DELAY_MS="${DELAY_MS:-200}"
KILL_AT="${KILL_AT:-$((EXECUTIONS * 3 / 10))}"
FINISH_TIMEOUT="${FINISH_TIMEOUT:-600}"
EXPRESSION="${EXPRESSION:-1}"
export NEX7_WORKFLOW_ENGINE_LEASE="${NEX7_WORKFLOW_ENGINE_LEASE:-5s}"
export NEX7_WORKFLOW_ENGINE_HEARTBEAT="${NEX7_WORKFLOW_ENGINE_HEARTBEAT:-1s}"
NODE_IDS="start,pause,call,done"

bench_setup
echo "settings  : EXECUTIONS=$EXECUTIONS WAIT_SECONDS=$WAIT_SECONDS DELAY_MS=$DELAY_MS KILL_AT=$KILL_AT calls EXPRESSION=$EXPRESSION"
echo "            NEX7_WORKFLOW_ENGINE_LEASE=$NEX7_WORKFLOW_ENGINE_LEASE NEX7_WORKFLOW_ENGINE_HEARTBEAT=$NEX7_WORKFLOW_ENGINE_HEARTBEAT"

COUNTER_LOG="$BENCH_TMP/counter.jsonl"
python3 "$BENCH_DIR/counter-server.py" "$COUNTER_LOG" "$BENCH_TMP/counter.port" "$DELAY_MS" 2>"$BENCH_TMP/counter.err" &
BG_PIDS+=("$!")
for _ in $(seq 1 100); do
    [[ -s "$BENCH_TMP/counter.port" ]] && break
    sleep 0.1
done
COUNTER_PORT="$(cat "$BENCH_TMP/counter.port" 2>/dev/null)" || die "the counter server did not start"
counter_calls() {
    curl -fsS --max-time 5 "http://127.0.0.1:$COUNTER_PORT/count" | json_field calls
}
echo "counter   : http://127.0.0.1:$COUNTER_PORT (pid ${BG_PIDS[-1]}), log $COUNTER_LOG"
echo

DATA="$BENCH_TMP/server"
start_fresh_server "$DATA"
register_and_login   # the first account on a fresh data dir is the admin
api POST /api/admin/outbound-allow-list 201 "{\"entry\":\"127.0.0.1:$COUNTER_PORT\"}" "$TOKEN" >/dev/null
PROJECT="$(create_project bench-crash)"
WORKFLOW="$(create_workflow "$PROJECT" bench-crash \
    "$(python3 "$BENCH_DIR/flows.py" crash "http://127.0.0.1:$COUNTER_PORT/effect" "$WAIT_SECONDS" \
        "$([[ "$EXPRESSION" == 1 ]] || echo --no-expression)")")"
echo "workflow $WORKFLOW: manual trigger -> wait ${WAIT_SECONDS}s -> POST counter (Idempotency-Key) -> set"
echo

echo "=== Start $EXECUTIONS executions ==="
IDS="$BENCH_TMP/started.txt"
python3 "$BENCH_DIR/crash-tool.py" start "$BASE" "$TOKEN" "$WORKFLOW" "$EXECUTIONS" "$IDS" \
    || die "not every execution could be started"

echo "=== Kill -9 once the counter has seen $KILL_AT calls ==="
deadline=$(( $(date +%s) + 300 ))
while (( $(counter_calls) < KILL_AT )); do
    (( $(date +%s) < deadline )) || die "the counter saw fewer than $KILL_AT calls in 300 s"
    sleep 0.05
done
KILL_TIME="$(date +%s.%N)"
kill -KILL "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
calls_at_kill="$(counter_calls)"
echo "killed the JVM with SIGKILL at $(date -u -d "@$KILL_TIME" '+%H:%M:%S.%N' | cut -c1-12) UTC; the counter had seen $calls_at_kill calls"
echo "(the report tells from the recorded finishedAt how many executions had finished before the kill)"
echo

echo "=== Restart on the same data dir ==="
start_server "$DATA" -jar "$NEX7_JAR"
wait_ready || die "the server did not start again"
echo "ready again in $READY_SECONDS s, pid $SERVER_PID"
refresh_token
finished=0
wait_drained "$WORKFLOW" "$FINISH_TIMEOUT" && finished=1
echo "all executions finished ${DRAINED_AFTER} s after the restart was ready (finished: $finished)"
echo

echo "=== Report ==="
print_load_now
rc=0
python3 "$BENCH_DIR/crash-tool.py" report "$BASE" "$TOKEN" "$WORKFLOW" "$IDS" "$COUNTER_LOG" "$KILL_TIME" "$NODE_IDS" || rc=$?
(( finished == 1 )) || rc=1
if [[ -s "$BENCH_TMP/counter.err" ]]; then
    echo "the counter server reported errors:"
    tail -n 20 "$BENCH_TMP/counter.err"
fi
echo
echo "=== Stop ==="
stop_server
echo "server stopped"
exit "$rc"
