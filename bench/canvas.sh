#!/usr/bin/env bash
# NEX7 canvas figures (issue 5) in headless Chromium: a 500-node / 600-edge workflow is created through
# the API, then bench/jmh/dev/nex7/browser/CanvasBench (Playwright) measures
#   - time from navigation to every node rendered (first open, when the server seeds the live
#     document, and later opens),
#   - the frame rate while dragging the canvas around,
#   - how long an edit (one step of a node drag) takes to show in a second browser.
#
#   NODES=500 EDGES=600 OPENS=6 EDITS=100 BENCH_PORT=17700 NEX7_JAR=... NEX7_CHROMIUM=/usr/bin/chromium
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODES="${NODES:-500}"
EDGES="${EDGES:-600}"
OPENS="${OPENS:-6}"
EDITS="${EDITS:-100}"
CHROMIUM="${NEX7_CHROMIUM:-/usr/bin/chromium}"
[[ -x "$CHROMIUM" ]] || die "Chromium not found at $CHROMIUM (apt-get install -y chromium, or set NEX7_CHROMIUM=)"

bench_setup
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
log "compiling the benchmark (Maven profile bench)"
(cd "$ROOT" && ./nex7 mvn -q -Pbench -Dskip.npm=true -pl nex7-server test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2)
CP="$ROOT/nex7-server/target/test-classes:$ROOT/nex7-server/target/classes:$(cat "$ROOT/nex7-server/target/bench.classpath")"

start_fresh_server "$BENCH_TMP/server"
register_and_login
PROJECT="$(create_project bench-canvas)"
FLOW="$(create_workflow "$PROJECT" canvas "$(python3 "$BENCH_DIR/flows.py" canvas "$NODES" "$EDGES")")"
echo "workflow $FLOW: $NODES nodes, $EDGES edges; Chromium $("$CHROMIUM" --version 2>/dev/null | head -1)"
print_load_now
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEX7_CHROMIUM="$CHROMIUM" "$JAVA" -cp "$CP" dev.nex7.browser.CanvasBench \
    "http://127.0.0.1:$BENCH_PORT" "$EMAIL" "$PASSWORD" "$FLOW" "$NODES" "$OPENS" "$EDITS"
print_load_now
