// Re-prints a captured log the way a CI system shows it, so the corpus has the prefixes, paths and
// line endings real deployment logs carry:
//   vercel  - "[hh:mm:ss.mmm] " before each line, the project under /vercel/path0, Vercel's own
//             clone/install/build lines around it
//   github  - an ISO timestamp before each line, the project under /home/runner/work/shop/shop,
//             and the runner's closing "##[error]" line
//   windows - the GitHub Windows runner: D:\a\shop\shop with backslashes, CRLF line endings
// The tool output itself is not changed.
//
//   node ci-wrap.mjs vercel|github|windows PROJECT_DIR IN_LOG OUT_LOG
import { readFileSync, writeFileSync } from "node:fs";

const [style, projectDir, input, output] = process.argv.slice(2);
const start = Date.UTC(2026, 4, 2, 10, 11, 12, 0);
const escaped = projectDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
let lines = readFileSync(input, "utf8").replace(/\n$/, "").split("\n");

const roots = {
  vercel: (text) => text.replace(new RegExp(escaped, "g"), "/vercel/path0"),
  github: (text) => text.replace(new RegExp(escaped, "g"), "/home/runner/work/shop/shop"),
  windows: (text) =>
    text.replace(new RegExp(escaped + "([\\w./-]*)", "g"), (_, rest) => "D:\\a\\shop\\shop" + rest.replaceAll("/", "\\")),
};

function stamp(i) {
  return new Date(start + i * 37);
}

if (style === "vercel") {
  lines = [
    "Running build in Washington, D.C., USA (East) – iad1",
    "Build machine configuration: 2 cores, 8 GB",
    "Cloning github.com/acme/shop (Branch: main, Commit: 4f2a9c1)",
    "Cloning completed: 412.000ms",
    'Running "vercel build"',
    "Vercel CLI 44.2.0",
    "Installing dependencies...",
    "added 312 packages in 9s",
    "Detected Next.js version: 16.4.6",
    'Running "npm run build"',
    "",
    "> shop@0.1.0 build",
    "> next build",
    "",
    ...lines.map(roots.vercel),
    'Error: Command "npm run build" exited with 1',
  ].map((line, i) => `[${stamp(i).toISOString().slice(11, 23)}] ${line}`);
} else if (style === "github") {
  lines = [
    "##[group]Run npm run build",
    "npm run build",
    "shell: /usr/bin/bash -e {0}",
    "##[endgroup]",
    ...lines.map(roots.github),
    "##[error]Process completed with exit code 2.",
  ].map((line, i) => `${stamp(i).toISOString().replace("Z", "0000Z")} ${line}`);
} else if (style === "windows") {
  lines = lines.map(roots.windows).map((line, i) => `${stamp(i).toISOString().replace("Z", "0000Z")} ${line}`);
} else {
  console.error(`unknown style ${style}`);
  process.exit(2);
}
writeFileSync(output, lines.join(style === "windows" ? "\r\n" : "\n") + (style === "windows" ? "\r\n" : "\n"));
