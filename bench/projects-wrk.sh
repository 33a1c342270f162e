#!/usr/bin/env bash
# NEX7 read throughput: GET /api/projects (a page of 20 projects, authenticated with a bearer
# token) under wrk, following the peer conventions in /work/shared/bench/README.md.
#
# Starts the server on a fresh data dir, registers a user, logs in, creates 20 projects, warms
# up, then measures RUNS runs. A fresh token is fetched before each run (tokens live 15 min).
#
#   WARMUP=10 DURATION=30 RUNS=3 THREADS=2 CONNECTIONS=50 PROJECTS=20
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir with the logs)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WARMUP="${WARMUP:-10}"
DURATION="${DURATION:-30}"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-50}"
PROJECTS="${PROJECTS:-20}"
LUA="$BENCH_DIR/get-with-token.lua"

require_wrk
find_java 21
require_tools
print_machine
setup_tmp
snapshot_jar

BASE="http://127.0.0.1:$BENCH_PORT"
URL="$BASE/api/projects"
EMAIL="bench-$(date +%s)-$RANDOM@example.com"
PASSWORD="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# api METHOD PATH EXPECTED-STATUS [JSON] [TOKEN] -> body on stdout; dies on another status.
api() {
    local method="$1" path="$2" expected="$3" json="${4:-}" token="${5:-}" out code
    out="$BENCH_TMP/response.json"
    local args=(-s -o "$out" -w '%{http_code}' -X "$method" --max-time 30)
    [[ -n "$json" ]] && args+=(-H 'Content-Type: application/json' --data "$json")
    [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
    code="$(curl "${args[@]}" "$BASE$path" || true)"
    [[ "$code" == "$expected" ]] || die "$method $path answered $code, expected $expected: $(head -c 500 "$out")"
    cat "$out"
}

login() {
    api POST /api/auth/login 200 "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])'
}

# Records the peak VmRSS of the JVM (and the PostgreSQL PSS) once a second into FILE until killed.
sample_memory() {
    local file="$1"
    while :; do
        printf '%s %s\n' "$(rss_mib "$SERVER_PID")" "$(pg_pss_mib)" >>"$file"
        sleep 1
    done
}

# Prints "rps p50_ms p99_ms non2xx socket_errors" from a wrk --latency output file.
parse_wrk() {
    python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
p = {}
for pct in ("50", "99"):
    m = re.search(r"^\s+" + pct + r"(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\b", text, re.M)
    p[pct] = ms(*m.groups()) if m else float("nan")
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = sum(int(x) for x in sock.groups()) if sock else 0
print(f"{float(rps.group(1)) if rps else float('nan'):.1f} {p['50']:.3f} {p['99']:.3f} "
      f"{int(non2xx.group(1)) if non2xx else 0} {errors}")
EOF
}

echo "=== Start (fresh data dir) ==="
start_server "$BENCH_TMP/server" -jar "$NEX7_JAR"
wait_ready || die "the server did not become ready"
echo "ready in $READY_SECONDS s (launch -> readiness UP), pid $SERVER_PID, port $BENCH_PORT"

api POST /api/auth/register 201 \
    "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"name\":\"Bench User\"}" >/dev/null
TOKEN="$(login)"
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
read -r w_rps _ _ w_non2xx w_err < <(parse_wrk "$BENCH_TMP/warmup.txt")
echo "warm-up: $w_rps req/s, non-2xx $w_non2xx, socket errors $w_err"
server_alive || die "the server exited during the warm-up (stopped from outside?)"
echo

RPS=(); P50=(); P99=(); PEAK=(); PEAK_PG=(); PROBLEMS=0
for ((r = 1; r <= RUNS; r++)); do
    echo "=== Run $r/$RUNS: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency $URL ==="
    TOKEN="$(login)"   # fresh 15-minute token for every run
    mem="$BENCH_TMP/memory-$r.txt"
    : >"$mem"
    sample_memory "$mem" &
    BG_PIDS+=("$!")
    NEX7_TOKEN="$TOKEN" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$URL" \
        >"$BENCH_TMP/run-$r.txt"
    kill "${BG_PIDS[-1]}" 2>/dev/null || true
    wait "${BG_PIDS[-1]}" 2>/dev/null || true
    unset 'BG_PIDS[-1]'
    sed 's/^/  | /' "$BENCH_TMP/run-$r.txt"
    server_alive || die "the server exited during run $r (stopped from outside?); its log ends with:
$(tail -n 15 "$SERVER_DIR/server.log")"
    read -r rps p50 p99 non2xx err < <(parse_wrk "$BENCH_TMP/run-$r.txt")
    peak="$(awk '$1 != "n/a" && $1 > m {m = $1} END {print m + 0}' "$mem")"
    peak_pg="$(awk '$2 != "n/a" && $2 > m {m = $2} END {print m + 0}' "$mem")"
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
