# shellcheck shell=bash
# Shared helpers for the NEX7 benchmark scripts. Sourced, not run.
#
# Globals set here: BENCH_DIR, NEX7_JAR, BENCH_PORT, JAVA, BENCH_TMP, SERVER_PID, SERVER_DIR,
# READY_SECONDS, BASE, EMAIL, PASSWORD, TOKEN, POST_LUA, POST_BODY (and with bench_setup wrk:
# WARMUP, DURATION, RUNS, THREADS, CONNECTIONS).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NEX7_JAR="${NEX7_JAR:-$BENCH_DIR/../nex7-server/target/nex7.jar}"
# A high port, so that a developer's instance on 7700 is never hit.
BENCH_PORT="${BENCH_PORT:-17700}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"   # seconds to wait for readiness
STOP_TIMEOUT="${STOP_TIMEOUT:-120}"     # seconds to wait for a clean exit after SIGTERM
POLL_INTERVAL="${POLL_INTERVAL:-0.05}"  # readiness poll interval (seconds)

# The peers' wrk script and the body it POSTs (/work/shared/bench/post.lua).
POST_LUA="$BENCH_DIR/post.lua"
POST_BODY='{"n":0,"msg":"hello","id":"abc123"}'

SERVER_PID=""
SERVER_DIR=""
BENCH_TMP=""
BG_PIDS=()

log() { printf '%s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- Java -----------------------------------------------------------------------------------

# Major version of a java binary ("17", "21", "25"), or empty when it does not run.
java_major() {
    local line ver
    line="$("$1" -version 2>&1 | grep -m 1 " version ")" || return 0
    ver="$(sed -n 's/.*version "\([^"]*\)".*/\1/p' <<<"$line")"
    [[ -n "$ver" ]] || return 0
    ver="${ver#1.}"            # "1.8.0_x" -> "8.0_x"
    printf '%s\n' "${ver%%[!0-9]*}"
}

# Sets JAVA to a java >= $1 (default 21): JAVA_HOME first, then /usr/lib/jvm/*/bin/java.
find_java() {
    local want="${1:-21}" candidate major
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        major="$(java_major "$JAVA_HOME/bin/java")"
        if [[ -n "$major" && "$major" -ge "$want" ]]; then
            JAVA="$JAVA_HOME/bin/java"
            return 0
        fi
        log "JAVA_HOME=$JAVA_HOME is Java ${major:-?}; need >= $want, looking in /usr/lib/jvm"
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        major="$(java_major "$candidate")"
        if [[ -n "$major" && "$major" -ge "$want" ]]; then
            JAVA="$candidate"
            return 0
        fi
    done
    die "no Java >= $want found (set JAVA_HOME to a JDK $want+ or install one under /usr/lib/jvm)"
}

require_wrk() {
    command -v wrk >/dev/null 2>&1 \
        || die "wrk is not installed; install it with: sudo apt-get install wrk   (Debian/Ubuntu package 'wrk')"
}

require_tools() {
    local t
    for t in curl python3 ss; do
        command -v "$t" >/dev/null 2>&1 || die "'$t' is required but not installed"
    done
    [[ -f "$NEX7_JAR" ]] || die "server jar not found: $NEX7_JAR (build it first, or set NEX7_JAR=)"
}

# Copies the jar into BENCH_TMP and points NEX7_JAR at the copy, so that a rebuild of
# target/nex7.jar during the benchmark cannot change (or break) the server under test.
snapshot_jar() {
    local src="$NEX7_JAR" copy="$BENCH_TMP/nex7.jar"
    cp -- "$src" "$copy"
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).close()' "$copy" \
        || die "$src is not a complete jar (is a build writing it right now?)"
    echo "jar       : $src"
    echo "            $(date -u -r "$src" '+built %Y-%m-%dT%H:%M:%SZ'), sha256 $(sha256sum "$copy" | cut -c1-16)…; run from a private copy"
    echo
    NEX7_JAR="$copy"
}

# The common opening of a benchmark script: the tools (with "wrk": wrk, and the defaults of
# WARMUP, DURATION, RUNS, THREADS, CONNECTIONS), Java, the machine, the temporary directory and
# the private copy of the jar.
bench_setup() {
    if [[ "${1:-}" == wrk ]]; then
        require_wrk
        # The peers' wrk runs: warm-up, then RUNS x DURATION seconds, 2 threads, 50 connections.
        WARMUP="${WARMUP:-10}"
        DURATION="${DURATION:-30}"
        RUNS="${RUNS:-3}"
        THREADS="${THREADS:-2}"
        CONNECTIONS="${CONNECTIONS:-50}"
    fi
    find_java 21
    require_tools
    print_machine
    setup_tmp
    snapshot_jar
}

# --- Machine --------------------------------------------------------------------------------

print_machine() {
    local cpu mem
    cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
    mem="$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "=== Machine ==="
    echo "timestamp : $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
    echo "nproc     : $(nproc)"
    echo "cpu       : ${cpu:-unknown}"
    echo "memory    : $mem"
    echo "java      : $("$JAVA" -version 2>&1 | grep -m 1 " version ")  ($JAVA)"
    echo "kernel    : $(uname -srm)"
    if [[ -n "${JAVA_TOOL_OPTIONS:-}" ]]; then
        echo "JAVA_TOOL_OPTIONS: $JAVA_TOOL_OPTIONS  (applies to the server)"
    fi
    echo "loadavg   : $(cut -d' ' -f1-3 /proc/loadavg)  (should be near 0 on an idle machine)"
}

# The load average when the measuring ends (print_machine prints it at the start): other work on
# the machine during the run shows here.
print_load_now() {
    echo "loadavg now  : $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u '+%H:%M:%SZ'))"
}

# --- Temp dir and cleanup -------------------------------------------------------------------

cleanup() {
    local rc=$?
    local pid
    for pid in "${BG_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if [[ -n "$SERVER_PID" ]]; then
        log "cleanup: stopping server pid $SERVER_PID"
        stop_server || true
    else
        stop_orphan_postgres || true
    fi
    if [[ -n "$BENCH_TMP" && -d "$BENCH_TMP" ]]; then
        if [[ "${KEEP:-0}" == 1 ]]; then
            log "KEEP=1: leaving $BENCH_TMP"
        else
            rm -rf -- "$BENCH_TMP"
        fi
    fi
    exit "$rc"
}

setup_tmp() {
    BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/nex7-bench.XXXXXX")"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# --- Server lifecycle -----------------------------------------------------------------------

port_in_use() {
    [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# start_server DIR [JVM args...] -- [app args]: launches `java JVM-ARGS` with cwd DIR, NEX7_PORT
# set, output in DIR/server.log. The JVM args must include `-jar <jar>`. Sets SERVER_PID and
# SERVER_START_NS (taken just before the fork).
start_server() {
    local dir="$1"
    shift
    port_in_use "$BENCH_PORT" && die "port $BENCH_PORT is already in use; set BENCH_PORT= to a free port"
    mkdir -p "$dir"
    SERVER_DIR="$dir"
    SERVER_START_NS="$(date +%s%N)"
    (cd "$dir" && NEX7_PORT="$BENCH_PORT" exec "$JAVA" "$@" >"$dir/server.log" 2>&1) &
    SERVER_PID=$!
}

# Waits for GET /actuator/health/readiness -> 200 with "status":"UP". Sets READY_SECONDS
# (from the launch). Returns 1 (with the log tail) if the process dies or the timeout passes.
wait_ready() {
    local url="http://127.0.0.1:$BENCH_PORT/actuator/health/readiness"
    local body="$SERVER_DIR/.readiness" code now deadline
    deadline=$(( $(date +%s) + READY_TIMEOUT ))
    while :; do
        code="$(curl -s -o "$body" -w '%{http_code}' --max-time 2 "$url" 2>/dev/null || true)"
        if [[ "$code" == 200 ]] && grep -q '"status":"UP"' "$body" 2>/dev/null; then
            now="$(date +%s%N)"
            READY_SECONDS="$(awk -v a="$SERVER_START_NS" -v b="$now" 'BEGIN {printf "%.3f", (b - a) / 1e9}')"
            return 0
        fi
        if grep -qE 'APPLICATION FAILED TO START|Exception in thread "main"' "$SERVER_DIR/server.log" 2>/dev/null; then
            log "server failed to start; last log lines:"
            tail -n 30 "$SERVER_DIR/server.log" >&2 || true
            return 1
        fi
        if ! server_alive; then
            log "server (pid $SERVER_PID) exited before it was ready; last log lines:"
            tail -n 30 "$SERVER_DIR/server.log" >&2 || true
            wait "$SERVER_PID" 2>/dev/null || true
            SERVER_PID=""
            return 1
        fi
        if (( $(date +%s) > deadline )); then
            log "server not ready after ${READY_TIMEOUT}s; last log lines:"
            tail -n 30 "$SERVER_DIR/server.log" >&2 || true
            return 1
        fi
        sleep "$POLL_INTERVAL"
    done
}

# start_fresh_server DIR: starts the jar in DIR (a fresh data dir), waits for readiness, says so.
start_fresh_server() {
    echo "=== Start (fresh data dir) ==="
    start_server "$1" -jar "$NEX7_JAR"
    wait_ready || die "the server did not become ready"
    echo "ready in $READY_SECONDS s (launch -> readiness UP), pid $SERVER_PID, port $BENCH_PORT"
}

server_alive() {
    [[ -n "$SERVER_PID" ]] || return 1
    local state
    state="$(awk '{print $3}' "/proc/$SERVER_PID/stat" 2>/dev/null || true)"
    [[ -n "$state" && "$state" != Z ]]
}

# PID of the embedded PostgreSQL postmaster of SERVER_DIR, if it runs.
postmaster_pid() {
    local dir="${1:-$SERVER_DIR}" pid
    pid="$(head -n 1 "$dir/data/postgres/postmaster.pid" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == postgres* ]]; then
        printf '%s\n' "$pid"
    fi
}

# SIGTERM to the server, wait for it to exit (it stops PostgreSQL itself). Then make sure the
# PostgreSQL it started is gone too (SIGTERM to that postmaster by PID only if it was left).
stop_server() {
    local pid="$SERVER_PID" waited=0
    [[ -n "$pid" ]] || return 0
    if server_alive; then
        kill -TERM "$pid" 2>/dev/null || true
        while server_alive && (( waited < STOP_TIMEOUT * 10 )); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if server_alive; then
            log "WARNING: server pid $pid still running ${STOP_TIMEOUT}s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
    SERVER_PID=""
    stop_orphan_postgres
    return 0
}

# SIGTERM to the embedded PostgreSQL of SERVER_DIR (by its postmaster's PID) if it outlived the
# server, e.g. after a kill -9 of the JVM; waits up to 30 s for it to exit.
stop_orphan_postgres() {
    local pm waited=0
    [[ -n "$SERVER_DIR" ]] || return 0
    pm="$(postmaster_pid "$SERVER_DIR")"
    [[ -n "$pm" ]] || return 0
    log "WARNING: embedded PostgreSQL (pid $pm) outlived the server; stopping it"
    kill -TERM "$pm" 2>/dev/null || true
    while kill -0 "$pm" 2>/dev/null && (( waited < 300 )); do
        sleep 0.1
        waited=$((waited + 1))
    done
}

# --- Memory ---------------------------------------------------------------------------------

# VmRSS of a PID in MiB (one decimal).
rss_mib() {
    awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "n/a"
}

# Sum of PSS (shared pages split fairly) over the embedded PostgreSQL postmaster and its
# children, in MiB; "n/a" if unknown. Reported separately from the JVM's RSS.
pg_pss_mib() {
    local pm pids p total=0 kb
    pm="$(postmaster_pid "$SERVER_DIR")"
    [[ -n "$pm" ]] || { echo "n/a"; return 0; }
    pids="$pm $(ps -o pid= --ppid "$pm" 2>/dev/null | tr '\n' ' ')"
    for p in $pids; do
        kb="$(awk '/^Pss:/ {print $2; exit}' "/proc/$p/smaps_rollup" 2>/dev/null || true)"
        [[ -n "$kb" ]] && total=$((total + kb))
    done
    awk -v t="$total" 'BEGIN {printf "%.1f", t / 1024}'
}

# The JVM's own "Started X in N seconds" figure from the log, if present.
spring_started_seconds() {
    sed -n 's/.*Started .* in \([0-9.]*\) seconds.*/\1/p' "$SERVER_DIR/server.log" 2>/dev/null | tail -n 1
}

# --- Statistics -----------------------------------------------------------------------------

# stats UNIT VALUES... -> "median X  (min Y, max Z, n=N)"
stats() {
    local unit="$1"
    shift
    python3 - "$unit" "$@" <<'EOF'
import statistics, sys
unit = sys.argv[1]
xs = [float(x) for x in sys.argv[2:] if x not in ("", "n/a")]
if not xs:
    print("n/a")
else:
    d = 3 if unit in ("s", "ms") else 1
    print(f"median {statistics.median(xs):.{d}f} {unit}  (min {min(xs):.{d}f}, max {max(xs):.{d}f}, n={len(xs)})")
EOF
}

# --- API client -----------------------------------------------------------------------------
#
# Globals: BASE (the server's address), EMAIL, PASSWORD (the benchmark's user, set by
# new_bench_user), TOKEN (set by register_and_login / refresh_token).

BASE="http://127.0.0.1:$BENCH_PORT"

# api METHOD PATH EXPECTED-STATUS [JSON] [TOKEN] -> body on stdout; dies on another status.
api() {
    local method="$1" path="$2" expected="$3" json="${4:-}" token="${5:-}" out code
    out="$BENCH_TMP/response.$BASHPID.json"
    local args=(-s -o "$out" -w '%{http_code}' -X "$method" --max-time 30)
    [[ -n "$json" ]] && args+=(-H 'Content-Type: application/json' --data "$json")
    [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
    code="$(curl "${args[@]}" "$BASE$path" || true)"
    [[ "$code" == "$expected" ]] || die "$method $path answered $code, expected $expected: $(head -c 800 "$out")"
    cat "$out"
}

# json_field PATH < JSON -> the value at a dotted path ("a.b.0.c"); empty if absent.
json_field() {
    python3 -c '
import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    if isinstance(value, list):
        value = value[int(part)]
    elif isinstance(value, dict):
        value = value.get(part)
    if value is None:
        break
print("" if value is None else (json.dumps(value) if isinstance(value, (dict, list)) else value))
' "$1"
}

new_bench_user() {
    EMAIL="bench-$(date +%s)-$RANDOM@example.com"
    PASSWORD="Bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
}

login() {
    api POST /api/auth/login 200 "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | json_field accessToken
}

# Registers a new user (the first one on a fresh data dir is the admin) and sets TOKEN.
register_and_login() {
    new_bench_user
    api POST /api/auth/register 201 \
        "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"name\":\"Bench User\"}" >/dev/null
    TOKEN="$(login)"
    TOKEN_AT="$(date +%s)"
}

# Access tokens live 15 minutes: call this before each measured step; it signs in again once the
# token is 10 minutes old (not more often: sign-ins are throttled to 10 per 5 minutes).
refresh_token() {
    if (( $(date +%s) - ${TOKEN_AT:-0} >= 600 )); then
        TOKEN="$(login)"
        TOKEN_AT="$(date +%s)"
    fi
}

# --- Workflows ------------------------------------------------------------------------------

# create_project NAME -> project id
create_project() {
    api POST /api/projects 201 "{\"name\":\"$1\",\"type\":\"api\"}" "$TOKEN" | json_field id
}

# create_workflow PROJECT NAME DEFINITION-JSON -> workflow id
create_workflow() {
    local body
    body="$(python3 -c 'import json, sys; print(json.dumps({"name": sys.argv[1], "definition": json.loads(sys.argv[2])}))' "$2" "$3")"
    api POST "/api/projects/$1/workflows" 201 "$body" "$TOKEN" | json_field id
}

# activate_workflow WORKFLOW -> its webhook path (/webhook/...). Saves the draft as version 1 and
# activates it; a draft the server refuses (400 with its problems) ends the script.
activate_workflow() {
    api POST "/api/workflows/$1/versions" 201 "" "$TOKEN" >/dev/null
    api PUT "/api/workflows/$1/activation" 200 '{"version":1}' "$TOKEN" >/dev/null
    api GET "/api/workflows/$1" 200 "" "$TOKEN" | json_field webhookPath
}

# count_executions WORKFLOW STATUS... -> how many of its executions have one of these statuses.
count_executions() {
    local workflow="$1" status total=0 n
    shift
    for status in "$@"; do
        n="$(api GET "/api/executions?workflowId=$workflow&status=$status&size=1" 200 "" "$TOKEN" | json_field totalItems)"
        total=$((total + n))
    done
    echo "$total"
}

# show_failures WORKFLOW: prints the errors of up to 3 of its failed executions.
show_failures() {
    api GET "/api/executions?workflowId=$1&status=failed&size=3" 200 "" "$TOKEN" | python3 -c '
import json, sys
for e in json.load(sys.stdin)["items"]:
    print("  failed execution " + e["id"] + ": " + json.dumps(e.get("error"))[:300])
'
}

# wait_drained WORKFLOW TIMEOUT-SECONDS: waits until none of its executions is queued, running or
# waiting. Returns 1 on timeout. Sets DRAINED_AFTER (seconds waited).
wait_drained() {
    local workflow="$1" timeout="$2" start now left
    start="$(date +%s%N)"
    while :; do
        left="$(count_executions "$workflow" queued running waiting)"
        now="$(date +%s%N)"
        DRAINED_AFTER="$(awk -v a="$start" -v b="$now" 'BEGIN {printf "%.1f", (b - a) / 1e9}')"
        [[ "$left" == 0 ]] && return 0
        if awk -v d="$DRAINED_AFTER" -v t="$timeout" 'BEGIN {exit !(d > t)}'; then
            log "still $left unfinished executions after ${timeout}s"
            return 1
        fi
        sleep 0.5
    done
}

# --- wrk ------------------------------------------------------------------------------------

# Records the peak VmRSS of the JVM (and the PostgreSQL PSS) once a second into FILE until killed.
sample_memory() {
    local file="$1"
    while :; do
        printf '%s %s\n' "$(rss_mib "$SERVER_PID")" "$(pg_pss_mib)" >>"$file"
        sleep 1
    done
}

# Starts sample_memory FILE in the background (stop it with stop_sampling).
start_sampling() {
    : >"$1"
    sample_memory "$1" &
    BG_PIDS+=("$!")
}

stop_sampling() {
    kill "${BG_PIDS[-1]}" 2>/dev/null || true
    wait "${BG_PIDS[-1]}" 2>/dev/null || true
    unset 'BG_PIDS[-1]'
}

# peak_of FILE COLUMN -> the largest value of a sample_memory column (1 = JVM, 2 = PostgreSQL).
peak_of() {
    awk -v c="$2" '$c != "n/a" && $c > m {m = $c} END {print m + 0}' "$1"
}

# Prints "rps p50_ms p99_ms non2xx socket_errors requests" from a wrk --latency output file.
parse_wrk() {
    python3 - "$1" <<'PY'
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
requests = re.search(r"(\d+) requests in", text)
print(f"{float(rps.group(1)) if rps else float('nan'):.1f} {p['50']:.3f} {p['99']:.3f} "
      f"{int(non2xx.group(1)) if non2xx else 0} {errors} {int(requests.group(1)) if requests else 0}")
PY
}
