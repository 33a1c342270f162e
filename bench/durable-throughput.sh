#!/usr/bin/env bash
# NEX7 durable execution throughput: how many executions of a 1-node workflow (webhook trigger
# answering 202 at once -> one set node) are completed and recorded per second, not just accepted.
#
# Each run gets a fresh workflow, is driven by wrk for DURATION seconds, then waits until the
# workflow has no queued, running or waiting execution. From the executions' own timestamps (API):
#   completed/s = succeeded executions / (last finishedAt - first createdAt)
#   accepted/s  = wrk's requests/s (every one answered 202 with the execution stored)
#
#   WARMUP=10 DURATION=30 RUNS=3 THREADS=2 CONNECTIONS=50 DRAIN_TIMEOUT=600
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir with the logs)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-600}"
LUA="$POST_LUA"
BODY="$POST_BODY"

bench_setup wrk

start_fresh_server "$BENCH_TMP/server"
register_and_login
PROJECT="$(create_project bench-durable)"
DEFINITION="$(python3 "$BENCH_DIR/flows.py" webhook 1)"

# new_flow NAME: a fresh workflow (so that each run counts only its own executions); sets FLOW, URL.
new_flow() {
    FLOW="$(create_workflow "$PROJECT" "$1" "$DEFINITION")"
    URL="$BASE$(activate_workflow "$FLOW")"
}

# Checks that the flow runs as meant: one POST -> 202, and the execution records n = 1.
new_flow bench-check
accepted="$(curl -fsS --max-time 30 -H 'Content-Type: application/json' --data "$BODY" "$URL")" \
    || die "POST to the webhook failed"
execution="$(json_field executionId <<<"$accepted")"
wait_drained "$FLOW" 30 || die "the check execution did not finish"
detail="$(api GET "/api/executions/$execution" 200 "" "$TOKEN")"
status="$(json_field execution.status <<<"$detail")"
n="$(python3 -c 'import json, sys
d = json.load(sys.stdin)
print(next(r["output"]["main"]["body"]["n"] for r in d["nodes"] if r["nodeId"] == "set1"))' <<<"$detail")"
[[ "$status" == succeeded && "$n" == 1 ]] || die "the check execution is $status with n = $n: $detail"
echo "check: POST answered $accepted; the execution succeeded and recorded n = 1"

# first_last FLOW -> "first-createdAt last-finishedAt seconds-between" of its executions.
first_last() {
    local first last
    first="$(api GET "/api/executions?workflowId=$1&size=1&sort=createdAt,asc" 200 "" "$TOKEN" | json_field items.0.createdAt)"
    last="$(api GET "/api/executions?workflowId=$1&size=1&sort=finishedAt,desc" 200 "" "$TOKEN" | json_field items.0.finishedAt)"
    python3 - "$first" "$last" <<'PY'
import sys
from datetime import datetime
first, last = (datetime.fromisoformat(t.replace("Z", "+00:00")) for t in sys.argv[1:3])
print(sys.argv[1], sys.argv[2], f"{(last - first).total_seconds():.3f}")
PY
}

PROBLEMS=0
ACCEPTED=(); COMPLETED=(); P50=(); P99=(); PEAK=(); PEAK_PG=()

# measure LABEL SECONDS [--latency]: one wrk run against a fresh workflow, then the drain.
measure() {
    local label="$1" seconds="$2" out mem rps p50 p99 non2xx err requests backlog ok failed total span first last completed
    shift 2
    refresh_token
    new_flow "bench-$label"
    out="$BENCH_TMP/$label.txt"
    mem="$out.memory"
    echo "=== $label: wrk -t$THREADS -c$CONNECTIONS -d${seconds}s $* -s post.lua (workflow $FLOW) ==="
    start_sampling "$mem"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" "$@" -s "$LUA" "$URL" >"$out"
    backlog="$(count_executions "$FLOW" queued running waiting)"
    wait_drained "$FLOW" "$DRAIN_TIMEOUT" || PROBLEMS=1
    stop_sampling
    server_alive || die "the server exited during $label; its log ends with:
$(tail -n 15 "$SERVER_DIR/server.log")"
    [[ "$label" == warm-up ]] || sed 's/^/  | /' "$out"
    read -r rps p50 p99 non2xx err requests < <(parse_wrk "$out")
    ok="$(count_executions "$FLOW" succeeded)"
    failed="$(count_executions "$FLOW" failed cancelled)"
    total="$(api GET "/api/executions?workflowId=$FLOW&size=1" 200 "" "$TOKEN" | json_field totalItems)"
    read -r first last span < <(first_last "$FLOW")
    completed="$(awk -v n="$ok" -v s="$span" 'BEGIN {if (s > 0) printf "%.1f", n / s; else print "n/a"}')"
    local latency=""
    [[ "$label" == warm-up ]] || latency="p50 $p50 ms, p99 $p99 ms; "
    echo "$label: accepted $requests requests in ${seconds}s = $rps/s (${latency}$non2xx non-2xx, $err socket errors)"
    echo "  unfinished when wrk stopped: $backlog; the queue drained $DRAINED_AFTER s later"
    echo "  recorded: $total executions, $ok succeeded, $failed failed/cancelled"
    echo "  first createdAt $first, last finishedAt $last: $span s"
    echo "  completed: $ok / $span s = $completed executions/s"
    echo "  JVM RSS peak $(peak_of "$mem" 1) MiB, PostgreSQL PSS peak $(peak_of "$mem" 2) MiB"
    if [[ "$non2xx" != 0 || "$err" != 0 || "$failed" != 0 ]]; then
        echo "  WARNING: errors or failed executions - the numbers are not valid"
        PROBLEMS=1
    fi
    (( failed == 0 )) || show_failures "$FLOW"
    if (( ok < requests - non2xx )); then
        echo "  WARNING: fewer executions succeeded ($ok) than requests answered 2xx ($((requests - non2xx)))"
        PROBLEMS=1
    fi
    if [[ "$label" != warm-up ]]; then
        ACCEPTED+=("$rps"); COMPLETED+=("$completed"); P50+=("$p50"); P99+=("$p99")
        PEAK+=("$(peak_of "$mem" 1)"); PEAK_PG+=("$(peak_of "$mem" 2)")
    fi
    echo
}

measure warm-up "$WARMUP"
for ((r = 1; r <= RUNS; r++)); do
    measure "run-$r" "$DURATION" --latency
done

echo "=== Summary: durable mode, webhook (202 at once) -> 1 set node, $CONNECTIONS connections, ${DURATION}s x $RUNS ==="
echo "ready in     : $READY_SECONDS s"
print_load_now
echo "accepted     : $(stats req/s "${ACCEPTED[@]}")"
echo "completed    : $(stats executions/s "${COMPLETED[@]}")  (succeeded / (last finishedAt - first createdAt))"
echo "accept p50   : $(stats ms "${P50[@]}")"
echo "accept p99   : $(stats ms "${P99[@]}")"
echo "memory load  : JVM RSS peak $(stats MiB "${PEAK[@]}"); PostgreSQL PSS peak $(stats MiB "${PEAK_PG[@]}")"
if [[ "$PROBLEMS" == 1 ]]; then
    echo "WARNING: some runs had errors, failed or unfinished executions (see above)"
fi

echo
echo "=== Stop ==="
stop_server
echo "server stopped"
[[ "$PROBLEMS" == 0 ]]
