package dev.nex7.workflow.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs user JavaScript in QuickJS compiled to WebAssembly (quickjs4j), executed as plain Java bytecode
 * by the Endive (formerly Chicory) runtime: no JNI, no native code, no access to anything the host
 * does not hand in.
 *
 * <p><b>Isolation.</b> Every run gets a new QuickJS instance with its own linear memory, so nothing a
 * script leaves behind is visible to the next. The WebAssembly module imports only WASI (configured
 * with no files, no environment, no arguments and an empty stdin; WASI preview 1 has no network) and
 * quickjs4j's host call, which reaches only the {@code job}/{@code log}/{@code result}/{@code fail}
 * functions registered here. The harness ({@code harness.js}) hides even those before the script
 * exists. There is no {@code require}, {@code process}, {@code fetch}, file system or Java interop.
 *
 * <p><b>Limits.</b> Time: the script runs on its own platform thread (it is CPU-bound, and a virtual
 * thread would hold a carrier). The timeout counts from when the interpreter is ready, because the
 * first run in a JVM spends longer than a script's whole allowance loading the compiled module. When
 * it passes, the thread is interrupted, and the compiled
 * WebAssembly checks for that at every call and backward branch, so even {@code while (true) {}} stops
 * within moments. Memory: the linear memory cannot grow past the limit; QuickJS then throws
 * {@code InternalError: out of memory} inside the script, and the JVM's heap is never at risk beyond
 * that amount per run. Recursion: the WebAssembly stack overflows into a trap, not into other memory.
 * Output: results and log lines are capped.
 *
 * <p><b>Cost.</b> A run creates and initialises a QuickJS instance; the harness's bytecode is
 * compiled once and shared. {@code SandboxCost} (bench/jmh, Maven profile bench) prints the cost: about 0.6 s for the
 * first run in a JVM, then about 5 to 8 ms per run of a tiny script on a 2-core machine.
 */
@Component
public final class JavaScriptSandbox {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> RESERVED = Set.of("arguments", "await", "break", "case", "catch", "class",
            "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "eval", "export", "extends",
            "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface",
            "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super",
            "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield");
    /** Log lines longer than this are cut. */
    private static final int MAX_LOG_LINE = 2_000;
    /** How long creating the interpreter may take before the script's own time starts. */
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
    /** Java stack for the interpreter thread; WebAssembly calls are Java calls. */
    private static final long STACK_SIZE = 16L * 1024 * 1024;

    private final CodeSettings settings;
    private final Semaphore slots;
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private final SharedBytecode bytecode = new SharedBytecode();
    private final String harness;

    public JavaScriptSandbox(CodeSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrentRuns(), true);
        this.harness = resource("harness.js");
    }

    /**
     * Runs {@code code} as the body of an async function whose parameters are the names of
     * {@code variables}: {@code return} gives the result, {@code await} works, {@code console.log}
     * lines are collected.
     *
     * @param variables JSON values the script sees as variables; names must be JavaScript identifiers
     * @return the returned value as plain JSON ({@code Long} for whole numbers) and the log lines
     * @throws ScriptFailure when the script throws, does not compile, returns something that is not
     *     JSON, or breaks a limit; the failure carries the lines logged until then
     * @throws InterruptedException when the caller is interrupted, for example because the node was
     *     cancelled; the script is stopped too
     */
    public ScriptResult run(String code, Map<String, Object> variables) throws ScriptFailure, InterruptedException {
        ScriptRun run = new ScriptRun(job(code, variables), settings, json, bytecode, harness);
        slots.acquire();
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                run.execute();
                return null;
            } finally {
                slots.release();
            }
        });
        Thread worker;
        try {
            worker = Thread.ofPlatform().name("nex7-javascript").daemon().stackSize(STACK_SIZE).start(task);
        } catch (RuntimeException | Error cannotStart) {
            slots.release();
            throw cannotStart;
        }
        try {
            if (!run.awaitStart(STARTUP_LIMIT)) {
                worker.interrupt();
                throw new ScriptFailure(ScriptFailure.TIMEOUT, "The sandbox did not start within "
                        + STARTUP_LIMIT.toSeconds() + " s", null, List.of());
            }
            task.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException tooLong) {
            worker.interrupt();
            throw run.timedOut();
        } catch (InterruptedException cancelled) {
            worker.interrupt();
            throw cancelled;
        } catch (ExecutionException stopped) {
            throw run.stopped(stopped.getCause());
        }
        return run.outcome();
    }

    private String job(String code, Map<String, Object> variables) {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (!IDENTIFIER.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("Not a JavaScript variable name: " + name);
            }
            names.add(name);
            values.add(value);
        });
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("code", code);
        job.put("names", names);
        job.put("values", values);
        job.put("maxLogLines", settings.maxLogLines());
        job.put("maxLineLength", MAX_LOG_LINE);
        return json.writeValueAsString(job);
    }

    private static String resource(String name) {
        try (InputStream in = JavaScriptSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
