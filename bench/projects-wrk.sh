#!/usr/bin/env bash
# NEX7 read throughput: GET /api/projects (a page of 20 projects, authenticated with a bearer
# token) under wrk, following the peer conventions in /work/shared/bench/README.md.
#
# Starts the server on a fresh data dir, registers a user, logs in, creates 20 projects, warms
# up, then measures RUNS runs. The token is renewed before a run once it is 10 minutes old (tokens live 15 min).
#
#   WARMUP=10 DURATION=30 RUNS=3 THREADS=2 CONNECTIONS=50 PROJECTS=20
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir with the logs)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PROJECTS="${PROJECTS:-20}"
LUA="$BENCH_DIR/get-with-token.lua"

bench_setup wrk

URL="$BASE/api/projects"

start_fresh_server "$BENCH_TMP/server"

register_and_login
for ((i = 1; i <= PROJECTS; i++)); do
    api POST /api/projects 201 "{\"name\":\"bench-project-$(printf '%02d' "$i")\",\"type\":\"web\"}" "$TOKEN" >/dev/null
done
count="$(api GET /api/projects 200 "" "$TOKEN" \
    | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')"
echo "user registered, $PROJECTS projects created; GET /api/projects returns $count items"
(( count == PROJECTS || count == 20 )) || die "expected $PROJECTS items in the page, got $count"

sleep 2
IDLE_RSS="$(rss_mib "$SERVER_PID")"
IDLE_PG="$(pg_pss_mib)"
echo "idle memory: JVM RSS $IDLE_RSS MiB, PostgreSQL PSS $IDLE_PG MiB"
echo

echo "=== Warm-up: wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s ==="
NEX7_TOKEN="$TOKEN" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$URL" >"$BENCH_TMP/warmup.txt"
read -r w_rps _ _ w_non2xx w_err _ < <(parse_wrk "$BENCH_TMP/warmup.txt")
echo "warm-up: $w_rps req/s, non-2xx $w_non2xx, socket errors $w_err"
server_alive || die "the server exited during the warm-up (stopped from outside?)"
echo

RPS=(); P50=(); P99=(); PEAK=(); PEAK_PG=(); PROBLEMS=0
for ((r = 1; r <= RUNS; r++)); do
    echo "=== Run $r/$RUNS: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $URL ==="
    refresh_token   # access tokens live 15 minutes
    mem="$BENCH_TMP/memory-$r.txt"
    start_sampling "$mem"
    NEX7_TOKEN="$TOKEN" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$URL" \
        >"$BENCH_TMP/run-$r.txt"
    stop_sampling
    sed 's/^/  | /' "$BENCH_TMP/run-$r.txt"
    server_alive || die "the server exited during run $r (stopped from outside?); its log ends with:
$(tail -n 15 "$SERVER_DIR/server.log")"
    read -r rps p50 p99 non2xx err _ < <(parse_wrk "$BENCH_TMP/run-$r.txt")
    peak="$(peak_of "$mem" 1)"
    peak_pg="$(peak_of "$mem" 2)"
    RPS+=("$rps"); P50+=("$p50"); P99+=("$p99"); PEAK+=("$peak"); PEAK_PG+=("$peak_pg")
    printf 'run %d: %s req/s, p50 %s ms, p99 %s ms, JVM RSS peak %s MiB, PostgreSQL PSS peak %s MiB\n' \
        "$r" "$rps" "$p50" "$p99" "$peak" "$peak_pg"
    if [[ "$non2xx" != 0 || "$err" != 0 ]]; then
        echo "WARNING: run $r had $non2xx non-2xx responses and $err socket errors - its numbers are not valid"
        PROBLEMS=1
    fi
    echo
done

echo "=== Summary: GET /api/projects ($PROJECTS projects), $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s x $RUNS ==="
echo "ready in     : $READY_SECONDS s"
print_load_now
echo "throughput   : $(stats req/s "${RPS[@]}")"
echo "latency p50  : $(stats ms "${P50[@]}")"
echo "latency p99  : $(stats ms "${P99[@]}")"
echo "memory idle  : JVM RSS $IDLE_RSS MiB, PostgreSQL PSS $IDLE_PG MiB"
echo "memory load  : JVM RSS peak $(stats MiB "${PEAK[@]}"); PostgreSQL PSS peak $(stats MiB "${PEAK_PG[@]}")"
if [[ "$PROBLEMS" == 1 ]]; then
    echo "WARNING: some runs had non-2xx responses or socket errors (see above)"
fi

echo
echo "=== Stop ==="
stop_server
echo "server stopped"
[[ "$PROBLEMS" == 0 ]]
