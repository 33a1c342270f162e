#!/usr/bin/env bash
# Starts the packaged jar on a free port with a fresh data directory, checks /actuator/health is UP,
# registers a user and creates a project, stops NEX7 (SIGTERM), starts it again on the same data
# and checks the project is still there. Tests passing inside Maven have hidden a broken jar before.
set -euo pipefail
jar=$(readlink -f "$1")
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
pid=""
java_bin="$(cd "$(dirname "$0")/.." && ./nex7 java-home)/bin/java"

stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { echo "NEX7 did not stop within 30 s" >&2; kill -KILL "$pid"; }
  fi
  pid=""
}
cleanup() { stop; rm -rf "$work"; }
trap cleanup EXIT

start() {
  (cd "$work" && NEX7_PORT=$port exec "$java_bin" -jar "$jar" >>"$work/nex7.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do
    if curl -fsS "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "NEX7 did not become healthy; its log:" >&2
  tail -50 "$work/nex7.log" >&2
  exit 1
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

start
echo "health UP on $base"
curl -fsS "$base/" | grep -q '<div id="root">' && echo "web UI served"
curl -fsS -o /dev/null -X POST "$base/api/auth/register" -H 'Content-Type: application/json' \
  -d '{"email":"ci@example.com","password":"Kettle-Orbit-Lantern-42","name":"CI"}'
token=$(curl -fsS -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"ci@example.com","password":"Kettle-Orbit-Lantern-42"}' | json '["accessToken"]')
curl -fsS -o /dev/null -X POST "$base/api/projects" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"name":"Survivor","type":"api"}'
echo "registered and created a project; restarting"
stop
start
token=$(curl -fsS -X POST "$base/api/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"ci@example.com","password":"Kettle-Orbit-Lantern-42"}' | json '["accessToken"]')
name=$(curl -fsS "$base/api/projects" -H "Authorization: Bearer $token" | json '["items"][0]["name"]')
[ "$name" = "Survivor" ] || { echo "project lost across a restart (got '$name')" >&2; exit 1; }
echo "after restart the account and project are still there"
grep -q "Stopping the PostgreSQL server" "$work/nex7.log" && { echo "unclean shutdown detected" >&2; exit 1; }
stop
echo "jar smoke test passed"
