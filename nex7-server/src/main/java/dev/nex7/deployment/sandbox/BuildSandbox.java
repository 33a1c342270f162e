package dev.nex7.deployment.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.nex7.deployment.DeploymentSettings;
import dev.nex7.deployment.DeploymentSettings.Sandbox.Isolation;
import dev.nex7.platform.database.DatabaseSettings;

/**
 * Runs a project's own commands ({@code npm ci}, {@code npm run build}, {@code npx tsc -p .}) as
 * separate processes, each in a directory inside the sandbox root, under limits, with nothing of
 * the server's secrets. The deployer and the proof of a fix both build through it.
 *
 * <h2>What a build gets</h2>
 * <ul>
 * <li><b>Environment</b>: made from nothing, never inherited (see {@link BuildEnvironment}); a
 * fresh {@code HOME} and {@code TMPDIR} per run inside the root, deleted afterwards; a shared npm
 * cache in the root, so repeated installs are fast.</li>
 * <li><b>Time</b>: at the wall-time limit, on cancellation, when it prints in a loop, and after it
 * ends (for what it left running in the background) its whole process tree is killed: the
 * descendants the JDK sees, and every process of its memory cgroup or PID namespace, which
 * includes daemons that left the tree.</li>
 * <li><b>Memory</b>, in three layers, because none alone covers every machine and every tool:
 * <ol>
 * <li>RLIMIT_DATA ({@code ulimit -d}), set for the build's first process and inherited by all:
 * works everywhere, for any process and for Node (V8 reserves its address space without
 * committing it, which RLIMIT_DATA does not count, so Node starts and fails only when it really
 * allocates; RLIMIT_AS, by contrast, also counts reservations and breaks Node and the JVM). It is
 * per process: an {@code npm} that starts four Node processes may use four times the limit.</li>
 * <li>A memory cgroup per build, when the server may make one (see {@link MemoryCgroups}; on this
 * project's CI machine and hosts with cgroup v1 it can, as root; with cgroup v2 it needs a
 * delegated parent): one limit for the whole tree, swap included, and the kernel's out-of-memory
 * kill is counted and reported as {@link BuildOutcome#OUT_OF_MEMORY}.</li>
 * <li>{@code NODE_OPTIONS=--max-old-space-size} at three quarters of the limit, so Node fails with
 * its own clear "JavaScript heap out of memory" first.</li>
 * </ol>
 * Without a cgroup, running out of memory is recognised by what the tool prints (Node's heap
 * message, {@code ENOMEM}, {@code MemoryError}, "out of memory", …) on a failed exit.</li>
 * <li><b>Output</b>: stdout and stderr interleaved, capped at the output limit by keeping its first
 * and last halves (installs explain themselves first, compilers fail last), with a line saying how
 * many bytes were dropped; a build is never stopped for writing a lot, only for writing
 * {@value CapturedOutput#RUNAWAY_FACTOR} times the limit ({@link BuildOutcome#OUTPUT_LIMIT}), which
 * no real build does and a loop does.</li>
 * <li><b>File system</b>: the working directory must resolve, symbolic links followed, to a
 * directory inside the sandbox root. With {@code isolation=namespace} (or {@code auto} where it
 * works) that is enforced by the kernel: see {@link Bubblewrap}. With {@code process} isolation
 * the command runs as the server's user and can read and write what that user can, including the
 * server's {@code /proc/<pid>/environ}: the clean environment keeps secrets out of its variables,
 * not out of its reach. Use namespace isolation wherever untrusted projects are built.</li>
 * <li><b>Concurrency</b>: at most {@code max-concurrent-builds} at once (builds are heavy); the
 * others wait their turn, bounded by {@code queue-timeout}.</li>
 * </ul>
 */
@Component
public class BuildSandbox {

    private static final Logger log = LoggerFactory.getLogger(BuildSandbox.class);

    /**
     * The first process of every build: joins the build's memory cgroup (before anything else
     * runs, so no child escapes it), lowers RLIMIT_DATA, then becomes the command as the leader of
     * a new session and process group ({@code setsid}, util-linux), so that what the command leaves
     * running in the background can be found by its process group after the command is gone.
     */
    private static final String LAUNCHER = """
            if [ -n "$1" ]; then
              { echo $$ > "$1"; } 2>/dev/null || { echo "nex7-sandbox: could not join the build's memory cgroup" >&2; exit 125; }
            fi
            ulimit -d "$2" 2>/dev/null
            shift 2
            if command -v setsid > /dev/null; then exec setsid "$@"; fi
            exec "$@"
            """;
    private static final int LAUNCH_FAILED = 125;
    private static final String LAUNCH_FAILURE = "nex7-sandbox:";
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("out of memory|Array buffer allocation failed"
            + "|Cannot allocate memory|\\bENOMEM\\b|std::bad_alloc|\\bMemoryError\\b|OutOfMemoryError|memory exhausted",
            Pattern.CASE_INSENSITIVE);
    private static final Duration READER_GRACE = Duration.ofSeconds(5);
    private static final AtomicLong RUNS = new AtomicLong();

    private final DeploymentSettings.Sandbox settings;
    private final Path root;
    private final List<Path> hidden;
    private final BuildSlots slots;
    private volatile SandboxSetup setup;

    @Autowired
    BuildSandbox(DeploymentSettings settings, DatabaseSettings database) {
        this(settings.sandbox(), database.dataDir());
    }

    /**
     * A sandbox with the given settings.
     *
     * @param dataDirectory NEX7's data directory: the root defaults to its {@code builds} folder,
     *        and namespace-confined builds never see it
     */
    public BuildSandbox(DeploymentSettings.Sandbox settings, Path dataDirectory) {
        this.settings = settings;
        this.root = (settings.root() != null ? settings.root() : dataDirectory.resolve("builds")).toAbsolutePath().normalize();
        List<Path> hiddenPaths = new ArrayList<>(settings.hiddenPaths());
        hiddenPaths.add(dataDirectory);
        hiddenPaths.add(Path.of(System.getProperty("user.home")));
        this.hidden = hiddenPaths.stream().map(path -> path.toAbsolutePath().normalize())
                .filter(path -> path.getNameCount() > 0).distinct().toList();
        this.slots = new BuildSlots(settings.maxConcurrentBuilds());
    }

    /** The directory every build works in; made on first use. */
    public Path root() {
        return root;
    }

    /** The isolation builds get here: {@code NAMESPACE} or {@code PROCESS}, once {@code auto} is decided. */
    public Isolation isolation() {
        return setup().bubblewrap().isPresent() ? Isolation.NAMESPACE : Isolation.PROCESS;
    }

    /** Whether each build gets its own memory cgroup here (one limit for its whole tree). */
    public boolean hasMemoryCgroups() {
        return setup().cgroups().isPresent();
    }

    /**
     * A new, empty directory inside the root for a checkout, named after {@code label}
     * ({@code attempt-42} becomes {@code <root>/work/attempt-42-1f3a9c0e}).
     */
    public Path newWorkspace(String label) {
        String name = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[.-]+", "");
        Path workspace = setup().root().resolve("work")
                .resolve((name.isEmpty() ? "build" : name) + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(workspace);
            return workspace.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a workspace in " + root, e);
        }
    }

    /** Deletes a workspace (or any directory inside the root) and everything in it. */
    public void delete(Path workspace) {
        Path directory = confine(setup(), workspace);
        try {
            Directories.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    /**
     * Runs the request's command and reports how it went. Waits for a free build slot first.
     *
     * @throws OutsideSandbox when the working directory is not a directory inside the root
     */
    public BuildRun run(BuildRequest request) {
        SandboxSetup current = setup();
        Path directory = confine(current, request.workingDirectory());
        if (current.unusable() != null) {
            return BuildRun.notStarted(current.unusable());
        }
        BuildLimits limits = request.limits() != null ? request.limits() : BuildLimits.of(settings);
        BuildCancellation cancellation = request.cancellation() != null ? request.cancellation() : new BuildCancellation();
        try {
            if (!slots.take(settings.queueTimeout(), cancellation.signal())) {
                return cancellation.isCanceled() ? BuildRun.canceledBeforeStart()
                        : BuildRun.notStarted("No build slot came free within " + Durations.print(settings.queueTimeout()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BuildRun.canceledBeforeStart();
        }
        try {
            return runInSlot(current, directory, request, limits, cancellation);
        } finally {
            slots.release();
        }
    }

    private BuildRun runInSlot(SandboxSetup current, Path directory, BuildRequest request, BuildLimits limits,
            BuildCancellation cancellation) {
        Path run = current.runs().resolve(ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
        Path home = run.resolve("home");
        Path temp = run.resolve("tmp");
        MemoryCgroup cgroup = null;
        try {
            Files.createDirectories(home);
            Files.createDirectories(temp);
            cgroup = newCgroup(current, limits);
            List<String> ignored = new ArrayList<>();
            Map<String, String> environment = current.environment().of(home, temp, limits.memory().toBytes(),
                    request.environment(), ignored);
            if (!ignored.isEmpty()) {
                log.info("A build in {} runs without the variables {}: the sandbox sets them itself, or they are malformed",
                        directory, ignored);
            }
            List<String> shell = List.of("/bin/sh", "-c", request.command());
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCHER, "nex7-sandbox",
                    cgroup == null ? "" : cgroup.processes().toString(), Long.toString(Math.max(1, limits.memory().toKilobytes()))));
            List<Path> writable = List.of(directory, home, temp, current.npmCache());
            command.addAll(current.bubblewrap().map(bubblewrap -> bubblewrap.confine(
                    new Bubblewrap.Mounts(current.root(), directory, writable, current.hidden(), current.readable()), shell))
                    .orElse(shell));
            return execute(command, directory, environment, limits, request.lineListener(), cancellation, cgroup);
        } catch (IOException e) {
            return BuildRun.notStarted("The build could not be prepared: " + e.getMessage());
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
            deleteQuietly(run);
        }
    }

    private BuildRun execute(List<String> command, Path directory, Map<String, String> environment, BuildLimits limits,
            Consumer<String> listener, BuildCancellation cancellation, MemoryCgroup cgroup) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return BuildRun.notStarted("The build could not be started: " + e.getMessage());
        }
        CapturedOutput output = new CapturedOutput(limits.maxOutput().toBytes(), listener);
        Thread reader = Thread.ofVirtual().name("build-output-" + process.pid()).start(() -> read(process.getInputStream(), output));
        Ending ending = await(process, limits.wallTime(), cancellation, output);
        if (cgroup != null) {
            cgroup.killAll();
        }
        ProcessTree.kill(process.toHandle());
        int exitCode = exitCode(process);
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        boolean complete = join(reader);
        CapturedOutput.Text text = output.text();
        String kept = complete ? text.text()
                : text.text() + "\n[nex7 sandbox: the build left a process writing to its output; what it wrote later is not here]\n";
        boolean killedForMemory = cgroup != null && cgroup.outOfMemoryKilled();
        return conclude(ending, exitCode, kept, text.dropped(), duration, limits, killedForMemory);
    }

    private enum Ending { EXITED, TIMED_OUT, CANCELED, RUNAWAY }

    private static Ending await(Process process, Duration wallTime, BuildCancellation cancellation, CapturedOutput output) {
        try {
            CompletableFuture.anyOf(process.onExit(), cancellation.signal(), output.runaway())
                    .get(wallTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Decided below from what happened.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.CANCELED;
        }
        if (!process.isAlive()) {
            return Ending.EXITED;
        }
        if (cancellation.isCanceled()) {
            return Ending.CANCELED;
        }
        return output.runaway().isDone() ? Ending.RUNAWAY : Ending.TIMED_OUT;
    }

    private static BuildRun conclude(Ending ending, int exitCode, String output, long dropped, Duration duration,
            BuildLimits limits, boolean killedForMemory) {
        String memory = limits.memory().toMegabytes() + "MB";
        return switch (ending) {
            case CANCELED -> new BuildRun(BuildOutcome.CANCELED, exitCode, output, dropped, duration,
                    "Canceled; its processes were killed");
            case TIMED_OUT -> new BuildRun(BuildOutcome.TIMED_OUT, exitCode, output, dropped, duration,
                    "Did not finish within " + Durations.print(limits.wallTime()) + "; its processes were killed");
            case RUNAWAY -> new BuildRun(BuildOutcome.OUTPUT_LIMIT, exitCode, output, dropped, duration,
                    "Wrote more than " + CapturedOutput.RUNAWAY_FACTOR + " times the " + limits.maxOutput().toKilobytes()
                            + "KB output limit; its processes were killed");
            case EXITED -> {
                if (exitCode == LAUNCH_FAILED && output.startsWith(LAUNCH_FAILURE)) {
                    yield new BuildRun(BuildOutcome.COULD_NOT_START, exitCode, output, dropped, duration, output.strip());
                }
                if (exitCode == 0) {
                    yield new BuildRun(BuildOutcome.SUCCEEDED, 0, output, dropped, duration, "Exited with 0");
                }
                if (killedForMemory) {
                    yield new BuildRun(BuildOutcome.OUT_OF_MEMORY, exitCode, output, dropped, duration,
                            "A process was killed for using more than the " + memory + " memory limit");
                }
                if (OUT_OF_MEMORY.matcher(output).find()) {
                    yield new BuildRun(BuildOutcome.OUT_OF_MEMORY, exitCode, output, dropped, duration,
                            "Ran out of memory (limit " + memory + ") and exited with " + exitCode);
                }
                yield new BuildRun(BuildOutcome.FAILED, exitCode, output, dropped, duration, exitCode > 128
                        ? "Was killed by signal " + (exitCode - 128) : "Exited with " + exitCode);
            }
        };
    }

    private static void read(InputStream stream, CapturedOutput output) {
        byte[] buffer = new byte[16 * 1024];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                output.accept(buffer, 0, read);
            }
        } catch (IOException e) {
            log.debug("Build output ended with an error", e);
        } finally {
            output.finish();
        }
    }

    private static int exitCode(Process process) {
        try {
            if (process.waitFor(READER_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /**
     * Waits for the output to end. It ends when the last process holding the pipe is gone; in
     * process isolation without a cgroup a daemon that left the process tree may keep it open.
     */
    private static boolean join(Thread reader) {
        try {
            return reader.join(READER_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private MemoryCgroup newCgroup(SandboxSetup current, BuildLimits limits) {
        if (current.cgroups().isEmpty()) {
            return null;
        }
        try {
            return current.cgroups().get().create(limits.memory().toBytes());
        } catch (IOException e) {
            log.warn("A build runs without its own memory cgroup (the per-process limit still applies): {}", e.toString());
            return null;
        }
    }

    private Path confine(SandboxSetup current, Path requested) {
        Path real;
        try {
            real = requested.toRealPath();
        } catch (IOException e) {
            throw new OutsideSandbox(requested, root);
        }
        if (!Files.isDirectory(real) || !real.startsWith(current.root()) || real.equals(current.root())
                || real.startsWith(current.internal())) {
            throw new OutsideSandbox(requested, root);
        }
        return real;
    }

    private SandboxSetup setup() {
        SandboxSetup known = setup;
        if (known == null) {
            synchronized (this) {
                known = setup;
                if (known == null) {
                    known = SandboxSetup.of(settings, root, hidden);
                    setup = known;
                }
            }
        }
        return known;
    }

    static void deleteQuietly(Path directory) {
        try {
            Directories.delete(directory);
        } catch (IOException e) {
            log.warn("Could not delete the build's run directory {}: {}", directory, e.toString());
        }
    }
}
