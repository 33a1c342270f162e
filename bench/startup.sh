#!/usr/bin/env bash
# NEX7 start-up benchmark: time from `java -jar` to the first 200/UP from
# /actuator/health/readiness, and the JVM's RSS after IDLE seconds of idling once ready.
#
# Each run: "cold" = start on a fresh ./data (includes PostgreSQL initdb + Flyway migrations),
# stop, then "warm" = start again on that existing ./data.
#
#   RUNS=5        runs per variant
#   IDLE=10       seconds idle after ready before reading RSS
#   AOT=0         1: also measure the extracted jar, and the extracted jar with a JDK 25 AOT cache
#   BENCH_PORT=17700, NEX7_JAR=..., KEEP=1 (keep the temp dir)
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS="${RUNS:-5}"
IDLE="${IDLE:-10}"
AOT="${AOT:-0}"

find_java 21
require_tools
print_machine
setup_tmp
snapshot_jar
JAR="$NEX7_JAR"
SUMMARY=()

# start_once LABEL DIR JVM-ARGS... : start, wait ready, idle, read memory, stop. Prints one line
# and sets LAST_READY / LAST_RSS / LAST_PG.
start_once() {
    local label="$1" dir="$2"
    shift 2
    start_server "$dir" "$@"
    if ! wait_ready; then
        stop_server
        return 1
    fi
    sleep "$IDLE"
    LAST_READY="$READY_SECONDS"
    LAST_RSS="$(rss_mib "$SERVER_PID")"
    LAST_PG="$(pg_pss_mib)"
    local spring
    spring="$(spring_started_seconds)"
    stop_server
    printf '  %-6s ready %7.3f s | JVM RSS %7s MiB | PostgreSQL PSS %6s MiB | Spring "Started in" %s s\n' \
        "$label" "$LAST_READY" "$LAST_RSS" "$LAST_PG" "${spring:-?}"
}

# measure VARIANT JVM-ARGS... : RUNS x (cold + warm), then a summary.
measure() {
    local variant="$1"
    shift
    local i dir cold_t=() cold_m=() cold_p=() warm_t=() warm_m=() warm_p=()
    echo "=== $variant: $JAVA $* ==="
    for ((i = 1; i <= RUNS; i++)); do
        dir="$BENCH_TMP/$variant-run$i"
        echo " run $i/$RUNS"
        start_once cold "$dir" "$@" || { echo "  cold start FAILED (log above)"; return 1; }
        cold_t+=("$LAST_READY"); cold_m+=("$LAST_RSS"); cold_p+=("$LAST_PG")
        start_once warm "$dir" "$@" || { echo "  warm start FAILED (log above)"; return 1; }
        warm_t+=("$LAST_READY"); warm_m+=("$LAST_RSS"); warm_p+=("$LAST_PG")
        rm -rf -- "$dir"
    done
    SUMMARY+=(
        "$variant cold: ready $(stats s "${cold_t[@]}")"
        "$variant cold: JVM RSS after ${IDLE}s idle $(stats MiB "${cold_m[@]}"); PostgreSQL PSS $(stats MiB "${cold_p[@]}")"
        "$variant warm: ready $(stats s "${warm_t[@]}")"
        "$variant warm: JVM RSS after ${IDLE}s idle $(stats MiB "${warm_m[@]}"); PostgreSQL PSS $(stats MiB "${warm_p[@]}")"
    )
    echo
}

# A short workload for the AOT training run, so that the request path is loaded and profiled.
training_workload() {
    local base="http://127.0.0.1:$BENCH_PORT" email token i
    email="aot-train-$RANDOM$RANDOM@example.com"
    curl -fsS -o /dev/null -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"Tr4ining-Run-Xq9zP\",\"name\":\"AOT Training\"}" \
        "$base/api/auth/register"
    token="$(curl -fsS -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"Tr4ining-Run-Xq9zP\"}" "$base/api/auth/login" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')"
    for i in 1 2 3; do
        curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -d "{\"name\":\"training-$i\",\"type\":\"web\"}" "$base/api/projects"
    done
    for i in $(seq 1 50); do
        curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$base/api/projects"
    done
}

# One untimed start with -Xlog:class+load, to show how many classes really come from the cache.
aot_check() {
    local aot="$1" jar="$2" dir="$BENCH_TMP/aot-check" total shared
    start_server "$dir" -XX:AOTCache="$aot" -XX:AOTMode=on -Xlog:class+load:file="$dir/classes.txt" -jar "$jar"
    if wait_ready; then
        stop_server
        total="$(wc -l <"$dir/classes.txt")"
        shared="$(grep -c 'shared objects file' "$dir/classes.txt" || true)"
        echo "  check: $shared of $total loaded classes came from the AOT cache"
        SUMMARY+=("AOT check: $shared of $total classes loaded from the cache (untimed run with -Xlog:class+load)")
    else
        stop_server
        echo "  check: the JVM did not start with the cache"
    fi
    rm -rf -- "$dir"
}

measure jar -jar "$JAR"

if [[ "$AOT" == 1 ]]; then
    major="$(java_major "$JAVA")"
    if (( major < 25 )); then
        SUMMARY+=("AOT: skipped - the Java found is $major; the AOT cache (-XX:AOTCacheOutput, JEP 514/515) needs JDK 25+")
    else
        ext="$BENCH_TMP/extracted"
        echo "=== AOT: extracting the jar (java -Djarmode=tools -jar nex7.jar extract) ==="
        if ! "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$ext" >"$BENCH_TMP/extract.log" 2>&1 \
            || [[ ! -f "$ext/nex7.jar" ]]; then
            cat "$BENCH_TMP/extract.log"
            SUMMARY+=("AOT: FAILED - 'java -Djarmode=tools -jar nex7.jar extract' did not produce $ext/nex7.jar")
        else
            measure extracted -jar "$ext/nex7.jar" || SUMMARY+=("extracted: FAILED (see log above)")

            echo "=== AOT: training run (-XX:AOTCacheOutput, a short API workload, then SIGTERM) ==="
            aot="$ext/app.aot"
            train_ok=0
            start_server "$BENCH_TMP/aot-train" -XX:AOTCacheOutput="$aot" -jar "$ext/nex7.jar"
            if wait_ready; then
                echo "  training run ready in $READY_SECONDS s; running the workload"
                if training_workload; then train_ok=1; else echo "  training workload FAILED"; fi
                t0="$(date +%s)"
                stop_server   # the cache is written while the JVM exits
                echo "  training JVM exited $(( $(date +%s) - t0 )) s after SIGTERM (includes writing the cache)"
            fi
            if [[ -s "$aot" && "$train_ok" == 1 ]]; then
                echo "  AOT cache: $aot ($(du -h "$aot" | cut -f1))"
                aot_check "$aot" "$ext/nex7.jar"
                echo
                # AOTMode=on: the JVM refuses to start if it cannot use the cache, so a failure shows
                # as a failed start instead of silently measuring a run without the cache.
                measure extracted+aot -XX:AOTCache="$aot" -XX:AOTMode=on -jar "$ext/nex7.jar" \
                    || SUMMARY+=("extracted+aot: FAILED - the JVM did not start with the AOT cache (see log above)")
            else
                echo "  no AOT cache was written; the training log ends with:"
                tail -n 30 "$BENCH_TMP/aot-train/server.log" || true
                SUMMARY+=("AOT: FAILED - the training run wrote no cache ($aot); see its log above")
            fi
        fi
    fi
fi

echo "=== Summary (RUNS=$RUNS, IDLE=${IDLE}s; ready = launch -> first 200 UP from readiness) ==="
printf '%s\n' "${SUMMARY[@]}"
