# shellcheck shell=bash
# Shared helpers for the NEX7 benchmark scripts. Sourced, not run.
#
# Globals set here: BENCH_DIR, NEX7_JAR, BENCH_PORT, JAVA, BENCH_TMP, SERVER_PID, SERVER_DIR,
# READY_SECONDS.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NEX7_JAR="${NEX7_JAR:-$BENCH_DIR/../nex7-server/target/nex7.jar}"
# A high port, so that a developer's instance on 7700 is never hit.
BENCH_PORT="${BENCH_PORT:-17700}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"   # seconds to wait for readiness
STOP_TIMEOUT="${STOP_TIMEOUT:-120}"     # seconds to wait for a clean exit after SIGTERM
POLL_INTERVAL="${POLL_INTERVAL:-0.05}"  # readiness poll interval (seconds)

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
    line="$("$1" -version 2>&1 | head -n 1)" || return 0
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
    echo "java      : $("$JAVA" -version 2>&1 | head -n 1)  ($JAVA)"
    echo "kernel    : $(uname -srm)"
    echo "loadavg   : $(cut -d' ' -f1-3 /proc/loadavg)  (should be near 0 on an idle machine)"
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
    local pid="$SERVER_PID" waited=0 pm
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
    pm="$(postmaster_pid "$SERVER_DIR")"
    if [[ -n "$pm" ]]; then
        log "WARNING: embedded PostgreSQL (pid $pm) outlived the server; stopping it"
        kill -TERM "$pm" 2>/dev/null || true
        waited=0
        while kill -0 "$pm" 2>/dev/null && (( waited < 300 )); do
            sleep 0.1
            waited=$((waited + 1))
        done
    fi
    return 0
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
