#!/usr/bin/env bash
# NEX7 workflow throughput: the peers' two webhook flows under wrk, measured the way the peer
# figures in /work/shared/bench/README.md were (post.lua, 50 connections; per-node overhead from
# one connection as (1/tput(chain) - 1/tput(single)) / 9).
#
#   single: webhook POST {"n":0,"msg":"hello","id":"abc123"} -> set n = n + 1 -> respond with the item
#   chain : the same with CHAIN (10) set nodes in a row
#
# After every run it waits until the workflow's executions have all finished and prints how many
# the database recorded as succeeded (through the API) next to the requests wrk saw answered.
#
#   MODE=durable (default) | low-latency   execution mode of the webhook trigger
#   WARMUP=10 DURATION=30 RUNS=3 THREADS=2 CONNECTIONS=50 CHAIN=10
#   ONE_DURATION=$DURATION   length of each one-connection run for the per-node overhead
#   DRAIN_TIMEOUT=300        seconds to wait for a run's executions to finish
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir with the logs)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE="${MODE:-durable}"
CHAIN="${CHAIN:-10}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-300}"
LUA="$POST_LUA"
BODY="$POST_BODY"

case "$MODE" in
    durable) MODE_ARGS=() ;;
    low-latency) MODE_ARGS=(--execution-mode low-latency) ;;
    *) die "MODE is durable or low-latency, not '$MODE'" ;;
esac

bench_setup wrk
ONE_DURATION="${ONE_DURATION:-$DURATION}"
echo "mode      : $MODE"

start_fresh_server "$BENCH_TMP/server"
register_and_login
PROJECT="$(create_project bench-workflows)"

declare -A WORKFLOW URL NODES
NODES[single]=1
NODES[chain]="$CHAIN"
for flow in single chain; do
    WORKFLOW[$flow]="$(create_workflow "$PROJECT" "bench-$flow" \
        "$(python3 "$BENCH_DIR/flows.py" webhook "${NODES[$flow]}" --respond "${MODE_ARGS[@]}")")"
    if ! path="$(activate_workflow "${WORKFLOW[$flow]}")"; then
        [[ "$MODE" == low-latency ]] \
            && die "the server refused the webhook trigger parameter executionMode=low-latency (see above): this build has no low-latency mode"
        die "the $flow workflow could not be activated"
    fi
    URL[$flow]="$BASE$path"
    answer="$(curl -fsS --max-time 30 -H 'Content-Type: application/json' --data "$BODY" "${URL[$flow]}")" \
        || die "POST to the $flow webhook failed"
    n="$(json_field n <<<"$answer")"
    [[ "$n" == "${NODES[$flow]}" ]] || die "the $flow flow answered $answer; expected n = ${NODES[$flow]}"
    echo "$flow: workflow ${WORKFLOW[$flow]} (${NODES[$flow]} set node(s)), POST answers $answer"
done

sleep 2
IDLE_RSS="$(rss_mib "$SERVER_PID")"
IDLE_PG="$(pg_pss_mib)"
echo "idle memory: JVM RSS $IDLE_RSS MiB, PostgreSQL PSS $IDLE_PG MiB"
echo

PROBLEMS=0

# run_wrk FLOW LABEL OUTFILE WRK-ARGS... : runs wrk against the flow, waits for its executions to
# finish and prints the requests wrk saw answered next to the executions recorded. Sets RUN_RPS,
# RUN_P50, RUN_P99, RUN_PEAK, RUN_PEAK_PG.
run_wrk() {
    local flow="$1" label="$2" out="$3" mem ok_before failed_before ok failed rps p50 p99 non2xx err requests
    shift 3
    refresh_token
    wait_drained "${WORKFLOW[$flow]}" "$DRAIN_TIMEOUT" || die "executions of the $flow flow did not finish before $label"
    ok_before="$(count_executions "${WORKFLOW[$flow]}" succeeded)"
    failed_before="$(count_executions "${WORKFLOW[$flow]}" failed cancelled)"
    mem="$out.memory"
    start_sampling "$mem"
    wrk "$@" -s "$LUA" "${URL[$flow]}" >"$out"
    stop_sampling
    server_alive || die "the server exited during $label (stopped from outside?); its log ends with:
$(tail -n 15 "$SERVER_DIR/server.log")"
    refresh_token
    wait_drained "${WORKFLOW[$flow]}" "$DRAIN_TIMEOUT" || PROBLEMS=1
    ok=$(( $(count_executions "${WORKFLOW[$flow]}" succeeded) - ok_before ))
    failed=$(( $(count_executions "${WORKFLOW[$flow]}" failed cancelled) - failed_before ))
    read -r rps p50 p99 non2xx err requests < <(parse_wrk "$out")
    RUN_RPS="$rps"; RUN_P50="$p50"; RUN_P99="$p99"
    RUN_PEAK="$(peak_of "$mem" 1)"; RUN_PEAK_PG="$(peak_of "$mem" 2)"
    if [[ "$label" == warm-up ]]; then
        printf '%s: %s req/s, JVM RSS peak %s MiB, PostgreSQL PSS peak %s MiB\n' "$label" "$rps" "$RUN_PEAK" "$RUN_PEAK_PG"
    else
        printf '%s: %s req/s, p50 %s ms, p99 %s ms, JVM RSS peak %s MiB, PostgreSQL PSS peak %s MiB\n' \
            "$label" "$rps" "$p50" "$p99" "$RUN_PEAK" "$RUN_PEAK_PG"
    fi
    printf '  answered %s requests (%s non-2xx, %s socket errors); recorded %s executions succeeded, %s failed/cancelled' \
        "$requests" "$non2xx" "$err" "$ok" "$failed"
    printf ' (queue drained %s s after wrk ended)\n' "$DRAINED_AFTER"
    # wrk does not count the requests still in flight when it stops, but their executions run:
    # up to one per connection more may be recorded than answered.
    if (( ok < requests - non2xx )); then
        echo "  WARNING: fewer executions recorded as succeeded ($ok) than requests answered 2xx ($((requests - non2xx)))"
        PROBLEMS=1
    fi
    if [[ "$non2xx" != 0 || "$err" != 0 || "$failed" != 0 ]]; then
        echo "  WARNING: $non2xx non-2xx responses, $err socket errors, $failed failed executions - the numbers are not valid"
        PROBLEMS=1
    fi
    (( failed == 0 )) || show_failures "${WORKFLOW[$flow]}"
}

declare -A SUMMARY
for flow in single chain; do
    echo "=== $flow: warm-up wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -s post.lua ==="
    run_wrk "$flow" "warm-up" "$BENCH_TMP/$flow-warmup.txt" -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s"
    echo
    RPS=(); P50=(); P99=(); PEAK=(); PEAK_PG=()
    for ((r = 1; r <= RUNS; r++)); do
        echo "=== $flow: run $r/$RUNS: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s post.lua ==="
        out="$BENCH_TMP/$flow-run-$r.txt"
        run_wrk "$flow" "run $r" "$out" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency
        sed 's/^/  | /' "$out"
        RPS+=("$RUN_RPS"); P50+=("$RUN_P50"); P99+=("$RUN_P99"); PEAK+=("$RUN_PEAK"); PEAK_PG+=("$RUN_PEAK_PG")
        echo
    done
    SUMMARY[$flow]="$(printf '%s\n' \
        "$flow (${NODES[$flow]} set node(s)), $CONNECTIONS connections, ${DURATION}s x $RUNS:" \
        "  throughput   : $(stats req/s "${RPS[@]}")" \
        "  latency p50  : $(stats ms "${P50[@]}")" \
        "  latency p99  : $(stats ms "${P99[@]}")" \
        "  memory load  : JVM RSS peak $(stats MiB "${PEAK[@]}"); PostgreSQL PSS peak $(stats MiB "${PEAK_PG[@]}")")"
done

declare -A ONE
for flow in single chain; do
    echo "=== $flow: one connection: wrk -t1 -c1 -d${ONE_DURATION}s --latency -s post.lua ==="
    out="$BENCH_TMP/$flow-one.txt"
    run_wrk "$flow" "one connection" "$out" -t1 -c1 -d"${ONE_DURATION}s" --latency
    ONE[$flow]="$RUN_RPS"
    echo
done
OVERHEAD="$(awk -v s="${ONE[single]}" -v c="${ONE[chain]}" -v k="$CHAIN" \
    'BEGIN {if (s > 0 && c > 0 && k > 1) printf "%.1f", (1 / c - 1 / s) / (k - 1) * 1e6; else print "n/a"}')"

echo "=== Summary: $MODE mode, webhook -> set -> respond ==="
echo "ready in     : $READY_SECONDS s"
print_load_now
echo "memory idle  : JVM RSS $IDLE_RSS MiB, PostgreSQL PSS $IDLE_PG MiB"
printf '%s\n' "${SUMMARY[single]}" "${SUMMARY[chain]}"
echo "one connection: single ${ONE[single]} req/s, chain ${ONE[chain]} req/s"
echo "per-node overhead: $OVERHEAD µs  = (1/${ONE[chain]} - 1/${ONE[single]}) / $((CHAIN - 1))"
if [[ "$PROBLEMS" == 1 ]]; then
    echo "WARNING: some runs had errors, failed executions or fewer recorded executions than answers (see above)"
fi

echo
echo "=== Stop ==="
stop_server
echo "server stopped"
[[ "$PROBLEMS" == 0 ]]
