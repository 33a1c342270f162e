// Runs one user script inside a fresh QuickJS context (see JavaScriptSandbox).
//
// The host gives this harness a single function, java_invoke, that reaches only the "nex7" builtins
// JavaScriptSandbox registers: job (the script and its variables), log, result and fail. The harness
// keeps java_invoke in a closure and deletes it, and every other non-standard global, before the
// user's code exists, so the script sees plain ECMAScript plus a console that it cannot use to reach
// anything else. The script runs as the body of an async function: `return` gives the result and
// `await` works.
(() => {
  "use strict";
  const host = globalThis.java_invoke;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const then = Promise.prototype.then;
  const send = (name, value) => { host("nex7", name, stringify([value])); };
  const job = parse(parse(host("nex7", "job", "[]")));

  for (const name of ["java_invoke", "nex7", "quickjs4j_engine", "Javy", "plugin"]) {
    delete globalThis[name];
  }

  const text = (value) => {
    if (typeof value === "string") return value;
    try {
      const json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  };
  let lines = 0;
  const log = (...values) => {
    if (lines++ >= job.maxLogLines) return;
    let line = values.map(text).join(" ");
    if (line.length > job.maxLineLength) line = line.slice(0, job.maxLineLength) + "…";
    send("log", line);
  };
  globalThis.console = Object.freeze({ log, info: log, warn: log, error: log, debug: log, trace: log });

  // Lines of a function built from text are counted from its header, two lines above the body.
  const describe = (error, fallback) => {
    if (error instanceof Error) {
      const at = /<input>:(\d+)/.exec(String(error.stack));
      const line = at ? Number(at[1]) - 2 : 0;
      return stringify({ name: String(error.name), message: String(error.message), line: line >= 1 ? line : null });
    }
    return stringify({ name: "Error", message: fallback + text(error), line: null });
  };

  let script;
  try {
    const AsyncFunction = (async function () {}).constructor;
    script = new AsyncFunction(...job.names, job.code);
  } catch (error) {
    send("fail", describe(error, ""));
    return;
  }
  let running;
  try {
    running = script(...job.values);
  } catch (error) {
    send("fail", describe(error, "Uncaught "));
    return;
  }
  then.call(running, (value) => {
    let json;
    try {
      json = stringify(value === undefined ? null : value);
    } catch (error) {
      send("fail", stringify({ name: "TypeError", message: "The returned value is not JSON: " + String(error.message), line: null }));
      return;
    }
    send("result", json === undefined ? "null" : json);
  }, (error) => send("fail", describe(error, "Uncaught ")));
})();
