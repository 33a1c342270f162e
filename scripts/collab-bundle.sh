#!/usr/bin/env bash
# Regenerates nex7-server/src/main/resources/collab/yjs-bundle.js: yjs (with the part of lib0 it uses) and
# scripts/collab-yjs-api.js in one IIFE script for the server's QuickJS runtime (dev.nex7.workflow.collab.YjsRuntime).
# The yjs version must be the one web/package.json resolves to (YjsBundleTests checks it).
#   scripts/collab-bundle.sh            # the pinned version below
#   YJS_VERSION=13.6.34 scripts/collab-bundle.sh
# Needs Node 20+ and npm (Maven Central is not involved; npm downloads yjs, lib0 and esbuild into a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."

YJS_VERSION=${YJS_VERSION:-13.6.33}
ESBUILD_VERSION=0.28.2
OUT=nex7-server/src/main/resources/collab/yjs-bundle.js

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp scripts/collab-yjs-api.js "$work/api.js"
(
  cd "$work"
  npm init -y >/dev/null
  npm install --silent --no-audit --no-fund --save-exact "yjs@$YJS_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null
  installed=$(node -p "require('./node_modules/yjs/package.json').version")
  lib0=$(node -p "require('./node_modules/lib0/package.json').version")
  # QuickJS has no Web Crypto: lib0 only needs getRandomValues (for Y.Doc's own random client id and guid,
  # which the server always overrides with a SecureRandom id from Java). quickjs4j's TextEncoder has an
  # encodeInto that only throws "not supported"; lib0 prefers it when it exists, so it gets one.
  banner="/* yjs $installed + lib0 $lib0, bundled by scripts/collab-bundle.sh (esbuild $ESBUILD_VERSION). Do not edit: regenerate. */
/* yjs-version: $installed */
if (typeof globalThis.crypto === 'undefined') { globalThis.crypto = { subtle: {}, getRandomValues: function (a) { for (var i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 256); return a } } }
if (typeof TextEncoder !== 'undefined') { try { new TextEncoder().encodeInto('', new Uint8Array(1)) } catch (e) { TextEncoder.prototype.encodeInto = function (s, d) { var b = this.encode(s); if (b.length > d.length) throw new RangeError('encodeInto: destination too small'); d.set(b); return { read: s.length, written: b.length } } } }"
  ./node_modules/.bin/esbuild api.js --bundle --format=iife --platform=browser --target=es2020 --minify \
    --legal-comments=none --define:__YJS_VERSION__="\"$installed\"" --banner:js="$banner" --outfile=bundle.js --log-level=warning
)
mkdir -p "$(dirname "$OUT")"
cp "$work/bundle.js" "$OUT"
echo "wrote $OUT ($(wc -c <"$OUT") bytes)"
