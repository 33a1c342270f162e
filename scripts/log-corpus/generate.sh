#!/usr/bin/env bash
# Regenerates NEX7's build-log corpus: real tools (tsc, ESLint, Vite, webpack, Next.js, npm, pnpm,
# yarn, Node, Maven, javac, Python) run on the small broken projects under fixtures/, and each
# one's combined output is captured as a .log file. A few captured logs are also re-rooted and
# prefixed the way Vercel and GitHub Actions print them (ci-wrap.mjs).
#
#   scripts/log-corpus/generate.sh [OUTPUT_DIR]
#
# OUTPUT_DIR defaults to nex7-server/src/test/resources/deployment/logs. The fixtures run in
# $NEX7_CORPUS_WORK (default /tmp/nex7-log-corpus), so the absolute paths in the logs name that
# directory. Needs Node 20+ with npm (and the npm registry), a JDK with javac, Maven and python3.
# The synthetic logs in the corpus (Vercel platform limits, Gradle, Prisma, an unknown tool) are
# written by hand from the tools' documented messages and are not touched here; index.json says
# which log is which and what each one's root finding is.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=$(mkdir -p "${1:-$REPO/nex7-server/src/test/resources/deployment/logs}" && cd "${1:-$REPO/nex7-server/src/test/resources/deployment/logs}" && pwd)
WORK=${NEX7_CORPUS_WORK:-/tmp/nex7-log-corpus}
STEP_TIMEOUT=${NEX7_CORPUS_TIMEOUT:-300}
export NEXT_TELEMETRY_DISABLED=1 CI=1 NO_UPDATE_NOTIFIER=1 npm_config_fund=false npm_config_audit=false

mkdir -p "$WORK"
BIN="$WORK/toolchain/node_modules/.bin"
TOOLS="$WORK/toolchain/node_modules"

toolchain() {
  local name
  for name in toolchain toolchain-next15; do
    echo "installing $name into $WORK/$name"
    mkdir -p "$WORK/$name"
    cp "$HERE/$name/package.json" "$WORK/$name/package.json"
    [ -f "$HERE/$name/package-lock.json" ] && cp "$HERE/$name/package-lock.json" "$WORK/$name/package-lock.json"
    (cd "$WORK/$name" && npm install --no-audit --no-fund >/dev/null 2>&1) || { echo "$name install failed" >&2; exit 1; }
    cp "$WORK/$name/package-lock.json" "$HERE/$name/package-lock.json"
  done
}

# fresh NAME [BASE]: a clean copy of fixtures/NAME (over fixtures/BASE when given) in the work directory.
fresh() {
  rm -rf "${WORK:?}/$1"
  mkdir -p "$WORK/$1"
  [ -n "${2:-}" ] && cp -R "$HERE/fixtures/$2/." "$WORK/$1/"
  cp -R "$HERE/fixtures/$1/." "$WORK/$1/"
}

# with_modules NAME [TOOLCHAIN]: gives the fixture its own node_modules, hard links to the toolchain's.
# Each project is then its own root, as on a build machine (Turbopack, for one, names files relative
# to the nearest lockfile's directory), and lacks only what the fixture deliberately does not install.
# The tools run from the fixture's node_modules/.bin, so that they and the app load one React.
with_modules() {
  cp -al "$WORK/${2:-toolchain}/node_modules" "$WORK/$1/node_modules"
}

# capture LOG DIR COMMAND...: runs the command in the fixture's directory, output and errors in one log.
capture() {
  local log=$1 dir=$2
  shift 2
  echo "  $log"
  (cd "$WORK/$dir" && timeout "$STEP_TIMEOUT" "$@") >"$OUT/$log" 2>&1
  return 0
}
toolchain

echo "TypeScript"
fresh ts-type-error
capture tsc-type-error.log ts-type-error node "$TOOLS/typescript/bin/tsc" -p . --pretty false
capture tsc-type-error-pretty.log ts-type-error node "$TOOLS/typescript/bin/tsc" -p . --pretty true
capture tsc7-type-error.log ts-type-error node "$TOOLS/typescript7/bin/tsc" -p . --pretty false
fresh ts-missing-module
capture tsc-missing-module.log ts-missing-module node "$TOOLS/typescript/bin/tsc" -p . --pretty false

echo "ESLint"
fresh eslint && with_modules eslint
capture eslint-stylish.log eslint node_modules/.bin/eslint src
capture eslint-stylish-color.log eslint env FORCE_COLOR=1 node_modules/.bin/eslint --color src
capture eslint-compact.log eslint node_modules/.bin/eslint --format compact src

echo "Vite and webpack"
fresh vite-bare-import vite-base && with_modules vite-bare-import
capture vite-bare-import.log vite-bare-import node_modules/.bin/vite build
fresh vite-relative-import vite-base && with_modules vite-relative-import
capture vite-relative-import.log vite-relative-import node_modules/.bin/vite build
fresh webpack-missing && with_modules webpack-missing
capture webpack-module-not-found.log webpack-missing node_modules/.bin/webpack --no-color

echo "Next.js 16 (Turbopack, and webpack on request)"
for app in next-type-error next-import-case next-suspense next-server-client next-prerender next-missing-env; do
  fresh "$app" next-base && with_modules "$app"
  capture "$app.log" "$app" node_modules/.bin/next build
done
fresh next-missing-dependency next-base && with_modules next-missing-dependency
capture next-missing-dependency-webpack.log next-missing-dependency node_modules/.bin/next build --webpack

echo "Next.js 15 (webpack)"
for app in next-type-error next-import-case next-server-client next-missing-dependency next-suspense next-prerender next-missing-env; do
  fresh "$app" next-base && with_modules "$app" toolchain-next15
  capture "next15-${app#next-}.log" "$app" node_modules/.bin/next build
done

echo "npm, pnpm, yarn"
fresh npm-eresolve
capture npm-eresolve.log npm-eresolve npm install
fresh npm-e404
capture npm-e404.log npm-e404 npm install
fresh npm-engine-strict
capture npm-ebadengine.log npm-engine-strict npm install
fresh npm-ci-stale
# The lockfile is written for package.json as it was; then a dependency is added without updating it.
(cd "$WORK/npm-ci-stale" && npm install --package-lock-only >/dev/null 2>&1 \
  && node -e 'const f="package.json",p=require("./"+f);p.dependencies["is-odd"]="3.0.1";require("fs").writeFileSync(f,JSON.stringify(p,null,2))')
capture npm-ci-lockfile-out-of-sync.log npm-ci-stale npm ci
fresh pnpm-frozen-lockfile
(cd "$WORK/pnpm-frozen-lockfile" && "$BIN/pnpm" install --lockfile-only >/dev/null 2>&1 \
  && node -e 'const f="package.json",p=require("./"+f);p.dependencies["is-odd"]="3.0.1";require("fs").writeFileSync(f,JSON.stringify(p,null,2))')
capture pnpm-outdated-lockfile.log pnpm-frozen-lockfile "$BIN/pnpm" install --frozen-lockfile
fresh yarn-e404
capture yarn-package-not-found.log yarn-e404 "$BIN/yarn" install --non-interactive

echo "Node"
fresh node-eaddrinuse
capture node-eaddrinuse.log node-eaddrinuse node server.js
fresh node-type-error
capture node-type-error.log node-type-error node server.js
fresh node-reference-error
capture node-reference-error.log node-reference-error node index.js
fresh node-cannot-find-module
capture node-cannot-find-module.log node-cannot-find-module node server.js
fresh node-esm-missing-import
capture node-esm-missing-import.log node-esm-missing-import node src/index.js
fresh node-heap-oom
capture node-heap-out-of-memory.log node-heap-oom node --max-old-space-size=16 build-index.js
fresh node-missing-env
capture node-missing-env.log node-missing-env node index.js
fresh node-zod-env && with_modules node-zod-env
capture node-zod-env.log node-zod-env node env.mjs

echo "Maven, javac"
fresh mvn-compile-error
capture mvn-compile-error.log mvn-compile-error mvn -B -ntp compile
fresh mvn-missing-package
capture mvn-missing-package.log mvn-missing-package mvn -B -ntp compile
# javac alone (the format Gradle passes through) on the Maven fixture's broken source
capture javac-error.log mvn-compile-error javac -d target/javac src/main/java/dev/shop/Cart.java

echo "Python"
fresh python-exception
capture python-exception.log python-exception python3 -m app.main
fresh python-module-not-found
capture python-module-not-found.log python-module-not-found python3 -m app.main

echo "Holdout (their index entries were written from the logs before the analyzers read them)"
fresh holdout-tsc-route-group
capture holdout-tsc-route-group.log holdout-tsc-route-group node "$TOOLS/typescript/bin/tsc" -p . --pretty false
fresh holdout-eslint-typescript && with_modules holdout-eslint-typescript
capture holdout-eslint-typescript.log holdout-eslint-typescript node_modules/.bin/eslint src
fresh holdout-webpack-css && with_modules holdout-webpack-css
capture holdout-webpack-css.log holdout-webpack-css node_modules/.bin/webpack --no-color
for app in holdout-next-env-prerender holdout-next-client-fs; do
  fresh "$app" next-base && with_modules "$app"
  capture "$app.log" "$app" node_modules/.bin/next build
done
fresh holdout-npm-etarget
capture holdout-npm-etarget.log holdout-npm-etarget npm install
fresh holdout-npm-eresolve-redux
capture holdout-npm-eresolve-redux.log holdout-npm-eresolve-redux npm install
fresh holdout-pnpm-404
capture holdout-pnpm-404.log holdout-pnpm-404 "$BIN/pnpm" install
fresh holdout-yarn-frozen
(cd "$WORK/holdout-yarn-frozen" && "$BIN/yarn" install --non-interactive >/dev/null 2>&1 \
  && node -e 'const f="package.json",p=require("./"+f);p.dependencies["is-odd"]="3.0.1";require("fs").writeFileSync(f,JSON.stringify(p,null,2))')
capture holdout-yarn-frozen.log holdout-yarn-frozen "$BIN/yarn" install --frozen-lockfile --non-interactive
fresh holdout-node-esm-export
capture holdout-node-esm-export.log holdout-node-esm-export node src/index.js
fresh holdout-node-rejection
capture holdout-node-rejection.log holdout-node-rejection node worker.js
fresh holdout-python-chained
capture holdout-python-chained.log holdout-python-chained python3 -m app.main
fresh holdout-pip-missing
capture holdout-pip-missing.log holdout-pip-missing python3 -m pip install --disable-pip-version-check --no-cache-dir -r requirements.txt
fresh holdout-mvn-test-compile
capture holdout-mvn-test-compile.log holdout-mvn-test-compile mvn -B -ntp test-compile
fresh holdout-mvn-missing-artifact
# -U: a first attempt's message ("Could not find artifact"), then Maven's answer from its cache of that failure.
capture holdout-mvn-missing-artifact.log holdout-mvn-missing-artifact mvn -U -B -ntp compile
capture mvn-missing-artifact-cached.log holdout-mvn-missing-artifact mvn -B -ntp compile

echo "CI wrappers (real output, re-rooted and prefixed as Vercel and GitHub Actions print it)"
node "$HERE/ci-wrap.mjs" vercel "$WORK/next-suspense" "$OUT/next-suspense.log" "$OUT/vercel-next-suspense.log"
node "$HERE/ci-wrap.mjs" vercel "$WORK/next-missing-env" "$OUT/next-missing-env.log" "$OUT/vercel-next-missing-env.log"
node "$HERE/ci-wrap.mjs" github "$WORK/ts-missing-module" "$OUT/tsc-missing-module.log" "$OUT/github-tsc-missing-module.log"
node "$HERE/ci-wrap.mjs" github "$WORK/eslint" "$OUT/eslint-stylish-color.log" "$OUT/github-eslint-stylish-color.log"
node "$HERE/ci-wrap.mjs" windows "$WORK/webpack-missing" "$OUT/webpack-module-not-found.log" "$OUT/windows-webpack-module-not-found.log"
echo "done: $(ls "$OUT"/*.log | wc -l) logs in $OUT"
