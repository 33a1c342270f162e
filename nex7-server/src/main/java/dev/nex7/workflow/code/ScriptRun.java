package dev.nex7.workflow.code;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.roastedroot.quickjs4j.core.Builtins;
import io.roastedroot.quickjs4j.core.Engine;
import io.roastedroot.quickjs4j.core.ScriptCache;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmInterruptedException;
import run.endive.wasm.types.MemoryLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One script run: a fresh QuickJS instance with its own WebAssembly memory, the {@code nex7} host
 * functions the harness uses, and what came back. Nothing in it outlives the run, which is why no
 * state can pass from one execution to the next.
 */
final class ScriptRun {

    /** WebAssembly memory grows in pages of 64 KiB. */
    private static final long PAGE_SIZE = 65_536;
    /** Bytes the interpreter may write to stdout/stderr (only a crash of the harness itself writes there). */
    private static final int MAX_STDIO = 16 * 1024;

    private final String job;
    private final CodeSettings settings;
    private final JsonMapper json;
    private final ScriptCache bytecode;
    private final String harness;
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private volatile String result;
    private volatile String failure;
    private volatile Memory memory;
    private final CountDownLatch started = new CountDownLatch(1);

    ScriptRun(String job, CodeSettings settings, JsonMapper json, ScriptCache bytecode, String harness) {
        this.job = job;
        this.settings = settings;
        this.json = json;
        this.bytecode = bytecode;
        this.harness = harness;
    }

    List<String> logs() {
        synchronized (logs) {
            return List.copyOf(logs);
        }
    }

    /** Runs the harness, and with it the script, on the calling thread; interrupting the thread stops it. */
    void execute() {
        Engine engine = null;
        try {
            int harnessCode;
            try {
                engine = newEngine();
                harnessCode = engine.compile(harness);
            } finally {
                started.countDown();
            }
            // The compiled harness is not freed: the whole memory goes away with the engine.
            engine.exec(harnessCode);
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    private Engine newEngine() {
        Builtins host = Builtins.builder("nex7")
                .addVoidToString("job", () -> job)
                .addStringToVoid("log", this::log)
                .addStringToVoid("result", this::result)
                .addStringToVoid("fail", this::fail)
                .build();
        int maxPages = (int) Math.min(MemoryLimits.MAX_PAGES, settings.memoryLimit().toBytes() / PAGE_SIZE);
        return Engine.builder()
                .addBuiltins(host)
                .withCache(bytecode)
                .withStdout(new CappedOutput())
                .withStderr(new CappedOutput())
                .withMemoryFactory(limits -> {
                    memory = new ByteArrayMemory(new MemoryLimits(limits.initialPages(),
                            Math.max(limits.initialPages(), Math.min(limits.maximumPages(), maxPages))));
                    return memory;
                })
                .build();
    }

    /**
     * Waits until the interpreter is ready to run the script (or failed to get ready). Starting it is
     * not the script's time: the first run in a JVM loads the compiled WebAssembly classes, which
     * takes longer than a script is allowed to run.
     */
    boolean awaitStart(Duration limit) throws InterruptedException {
        return started.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void log(String line) {
        if (logs.size() < settings.maxLogLines()) {
            logs.add(line);
        }
    }

    private void result(String value) {
        if (result == null && failure == null) {
            result = value;
        }
    }

    private void fail(String error) {
        if (result == null && failure == null) {
            failure = error;
        }
    }

    /** What the run produced, once {@link #execute()} returned normally. */
    ScriptResult outcome() throws ScriptFailure {
        if (failure != null) {
            throw scriptError(failure);
        }
        if (result == null) {
            throw new ScriptFailure(ScriptFailure.SCRIPT_ERROR,
                    "The script did not finish: it waits for something that never happens", null, logs());
        }
        if (result.length() > settings.maxOutputSize().toBytes()) {
            throw new ScriptFailure(ScriptFailure.TOO_LARGE, "The script returned " + result.length()
                    + " characters of JSON; the limit is " + settings.maxOutputSize().toBytes(), null, logs());
        }
        try {
            return new ScriptResult(json.readValue(result, Object.class), logs());
        } catch (JacksonException unreadable) {
            throw new ScriptFailure(ScriptFailure.SCRIPT_ERROR, "The script's result could not be read as JSON", null, logs());
        }
    }

    /** Why the interpreter itself stopped: the memory limit, a stack overflow, or an interrupt. */
    ScriptFailure stopped(Throwable cause) {
        if (cause instanceof WasmInterruptedException) {
            return timedOut();
        }
        if (failure != null && failure.contains("out of memory") || memoryExhausted()) {
            return new ScriptFailure(ScriptFailure.MEMORY, "The script needed more than the memory limit of "
                    + settings.memoryLimit().toMegabytes() + " MB", null, logs());
        }
        if (cause instanceof StackOverflowError || String.valueOf(cause.getMessage()).contains("out of bounds memory access")) {
            return new ScriptFailure(ScriptFailure.SCRIPT_ERROR,
                    "Too much recursion: the script's call stack overflowed", null, logs());
        }
        return new ScriptFailure(ScriptFailure.SCRIPT_ERROR, "The sandbox stopped the script: "
                + String.valueOf(cause.getMessage()).lines().findFirst().orElse("unknown error"), null, logs());
    }

    ScriptFailure timedOut() {
        return new ScriptFailure(ScriptFailure.TIMEOUT, "The script ran longer than the limit of "
                + settings.timeout().toMillis() + " ms and was stopped", null, logs());
    }

    private boolean memoryExhausted() {
        Memory used = memory;
        return used != null && (long) used.pages() * PAGE_SIZE + 2 * PAGE_SIZE > settings.memoryLimit().toBytes();
    }

    private ScriptFailure scriptError(String error) {
        Map<?, ?> described;
        try {
            described = json.readValue(error, Map.class);
        } catch (JacksonException unreadable) {
            return new ScriptFailure(ScriptFailure.SCRIPT_ERROR, "The script failed", null, logs());
        }
        String name = String.valueOf(described.get("name"));
        String message = String.valueOf(described.get("message"));
        Integer line = described.get("line") instanceof Number number ? number.intValue() : null;
        if (name.equals("InternalError") && message.contains("out of memory")) {
            return new ScriptFailure(ScriptFailure.MEMORY, "The script needed more than the memory limit of "
                    + settings.memoryLimit().toMegabytes() + " MB", line, logs());
        }
        String where = line == null ? "" : " (line " + line + ")";
        return new ScriptFailure(ScriptFailure.SCRIPT_ERROR, name + ": " + message + where, line, logs());
    }

    /** Standard output that keeps only the first few kilobytes, so that a flood cannot fill the heap. */
    private static final class CappedOutput extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            if (count < MAX_STDIO) {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            super.write(bytes, offset, Math.max(0, Math.min(length, MAX_STDIO - count)));
        }
    }
}
