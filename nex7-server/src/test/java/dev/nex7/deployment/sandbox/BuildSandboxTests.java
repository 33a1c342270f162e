package dev.nex7.deployment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

import dev.nex7.deployment.DeploymentSettings.Sandbox;
import dev.nex7.deployment.DeploymentSettings.Sandbox.Isolation;

/** Real processes in a real sandbox: whatever isolation and memory cgroups this machine allows. */
class BuildSandboxTests {

    @TempDir
    Path dataDirectory;

    private BuildSandbox sandbox;
    private Path workspace;

    @BeforeEach
    void createSandbox() {
        sandbox = new BuildSandbox(SandboxSettings.defaults(), dataDirectory);
        workspace = sandbox.newWorkspace("test");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void aCommandThatSucceedsReportsItsOutputFromBothStreams(Sandbox settings) {
        use(settings);
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "echo compiled; echo 'a warning' >&2"));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).isEqualTo("compiled\na warning\n");
        assertThat(run.droppedBytes()).isZero();
        assertThat(run.message()).isEqualTo("Exited with 0");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void aCommandThatFailsReportsItsExitCode(Sandbox settings) {
        use(settings);
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "echo 'error TS2322' >&2; exit 3"));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.FAILED);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("error TS2322");
        assertThat(run.message()).isEqualTo("Exited with 3");
    }

    @Test
    void theCommandRunsInItsWorkingDirectory() throws IOException {
        Files.writeString(workspace.resolve("package.json"), "{\"name\":\"shop\"}");

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "pwd; cat package.json"));

        assertThat(run.output()).isEqualTo(workspace + "\n{\"name\":\"shop\"}");
    }

    @Test
    void aCommandPastItsWallTimeIsKilledWithEveryProcessItStarted() {
        // The plain process tree, without a cgroup or namespace to fall back on.
        use(SandboxSettings.plainProcess());
        long marker = marker();

        BuildRun run = sandbox.run(BuildRequest.of(workspace,
                "sleep " + marker + " & sh -c 'sleep " + (marker + 1) + " & wait' & echo started; wait")
                .withLimits(limits().withWallTime(Duration.ofSeconds(1))));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.TIMED_OUT);
        assertThat(run.output()).isEqualTo("started\n");
        assertThat(run.message()).isEqualTo("Did not finish within 1s; its processes were killed");
        assertThat(sleepers(marker)).isEmpty();
        assertThat(sleepers(marker + 1)).isEmpty();
    }

    @Test
    void whatABuildLeavesRunningInTheBackgroundIsKilledWhenItEnds() {
        use(SandboxSettings.plainProcess());
        long marker = marker();

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "sleep " + marker + " > /dev/null 2>&1 & echo built"));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.output()).isEqualTo("built\n");
        assertThat(sleepers(marker)).isEmpty();
    }

    @Test
    void aDaemonThatLeftTheProcessTreeIsKilledByTheCgroupOrNamespace() {
        assumeTrue(sandbox.isolation() == Isolation.NAMESPACE || sandbox.hasMemoryCgroups(),
                "needs bubblewrap or a memory cgroup: a plain process tree cannot follow a double fork");
        long marker = marker();

        // The subshell exits at once: its sleeping child is re-parented, out of the build's tree.
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "(sleep " + marker + " > /dev/null 2>&1 &); echo detached"));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.output()).isEqualTo("detached\n");
        assertThat(sleepers(marker)).isEmpty();
    }

    @Test
    void outputBeyondTheLimitKeepsItsFirstAndLastParts() {
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "seq 1 5000")
                .withLimits(limits().withMaxOutput(DataSize.ofKilobytes(4))));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.output()).startsWith("1\n2\n3\n").endsWith("4999\n5000\n");
        assertThat(run.droppedBytes()).isPositive();
        assertThat(run.output()).contains("\n[nex7 sandbox: " + run.droppedBytes() + " bytes of output dropped]\n");
        // 1..5000 with newlines is 23,893 bytes: what is kept plus what was dropped is all of it.
        int kept = run.output().length() - ("\n[nex7 sandbox: " + run.droppedBytes() + " bytes of output dropped]\n").length();
        assertThat(kept + run.droppedBytes()).isEqualTo(23_893);
        assertThat(kept).isLessThanOrEqualTo(4 * 1024);
    }

    @Test
    void aCommandThatPrintsInALoopIsStopped() {
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "yes 'npm warn deprecated'")
                .withLimits(limits().withMaxOutput(DataSize.ofKilobytes(1))));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.OUTPUT_LIMIT);
        assertThat(run.output()).startsWith("npm warn deprecated\n").contains("bytes of output dropped");
        assertThat(run.droppedBytes()).isGreaterThan(63 * 1024);
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void theEnvironmentIsBuiltFromNothing(Sandbox settings) {
        use(settings);
        System.setProperty("NEX7_MASTER_KEY", "c2VjcmV0LWZyb20tdGhlLXNlcnZlcg==");
        try {
            BuildRun run = sandbox.run(BuildRequest.of(workspace, "env").withEnvironment(Map.of(
                    "NEXT_PUBLIC_API_URL", "https://api.example.com",
                    "HOME", "/root", "PATH", "/tmp/evil", "NPM_CONFIG_CACHE", "/tmp/cache", "CI", "")));

            Map<String, String> seen = run.output().lines().map(line -> line.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
            assertThat(System.getenv()).isNotEmpty();
            assertThat(seen.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "CI",
                    "NO_COLOR", "FORCE_COLOR", "HUSKY", "npm_config_cache", "npm_config_audit", "npm_config_fund",
                    "npm_config_update_notifier", "NODE_OPTIONS", "NEXT_PUBLIC_API_URL", "PWD");
            assertThat(run.output()).doesNotContain("c2VjcmV0LWZyb20tdGhlLXNlcnZlcg==");
            assertThat(seen).containsEntry("NEXT_PUBLIC_API_URL", "https://api.example.com").containsEntry("CI", "1")
                    .containsEntry("LANG", "C.UTF-8").containsEntry("NO_COLOR", "1").containsEntry("FORCE_COLOR", "0")
                    .containsEntry("npm_config_audit", "false").containsEntry("NODE_OPTIONS", "--max-old-space-size=1536");
            assertThat(seen.get("HOME")).startsWith(sandbox.root().toString()).isNotEqualTo(seen.get("TMPDIR"));
            assertThat(seen.get("npm_config_cache")).isEqualTo(sandbox.root().resolve(".sandbox/npm-cache").toString());
            assertThat(seen.get("PATH")).doesNotContain("/tmp/evil").contains("/usr/bin");
        } finally {
            System.clearProperty("NEX7_MASTER_KEY");
        }
    }

    @Test
    void aTargetsNodeOptionsAreKeptBeforeTheHeapCeiling() {
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "echo \"$NODE_OPTIONS\"")
                .withEnvironment(Map.of("NODE_OPTIONS", "--openssl-legacy-provider --max-old-space-size=99999"))
                .withLimits(limits().withMemory(DataSize.ofMegabytes(512))));

        assertThat(run.output()).isEqualTo("--openssl-legacy-provider --max-old-space-size=99999 --max-old-space-size=384\n");
    }

    @Test
    void theNpmRegistrySettingReachesNpm() {
        assumeTrue(onPath("npm"), "npm is not installed");
        use(SandboxSettings.withRegistry("http://127.0.0.1:4873/"));

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "npm config get registry")
                .withEnvironment(Map.of("npm_config_registry", "https://registry.npmjs.org/")));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.output().strip()).isEqualTo("http://127.0.0.1:4873/");
    }

    @Test
    void eachRunHasItsOwnHomeAndTempDirectoryWhichAreDeletedAfterwards() {
        BuildRun first = sandbox.run(BuildRequest.of(workspace, "touch \"$HOME/.npmrc\" \"$TMPDIR/x\"; echo \"$HOME\"; echo \"$TMPDIR\""));
        BuildRun second = sandbox.run(BuildRequest.of(workspace, "ls -A \"$HOME\"; echo \"$HOME\""));

        List<String> firstDirectories = first.output().lines().toList();
        assertThat(first.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(firstDirectories).allSatisfy(directory -> assertThat(Path.of(directory)).doesNotExist());
        assertThat(second.output().lines().toList()).hasSize(1).doesNotContain(firstDirectories.get(0));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void aWorkingDirectoryOutsideTheRootIsRefused(Sandbox settings) throws IOException {
        use(settings);
        Path outside = Files.createDirectories(dataDirectory.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(workspace.resolve("escape"), outside);

        for (Path directory : List.of(outside, link, sandbox.root(), sandbox.root().resolve(".sandbox/npm-cache"),
                workspace.resolve("../../.."), workspace.resolve("missing"), Path.of("/"))) {
            assertThatThrownBy(() -> sandbox.run(BuildRequest.of(directory, "touch pwned")))
                    .isInstanceOf(OutsideSandbox.class);
        }
        assertThat(outside.resolve("pwned")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void nodeThatAllocatesBeyondTheLimitIsStopped(Sandbox settings) throws IOException {
        use(settings);
        assumeTrue(onPath("node"), "node is not installed");
        Files.writeString(workspace.resolve("heap.js"), """
                const kept = [];
                for (let i = 0; ; i++) { kept.push(new Array(1e6).fill(i)); }
                """);
        Files.writeString(workspace.resolve("buffers.js"), """
                const kept = [];
                for (;;) { kept.push(Buffer.alloc(16 * 1024 * 1024, 1)); }
                """);

        BuildRun heap = sandbox.run(BuildRequest.of(workspace, "node heap.js").withLimits(limits().withMemory(DataSize.ofMegabytes(256))));
        BuildRun buffers = sandbox.run(BuildRequest.of(workspace, "node buffers.js").withLimits(limits().withMemory(DataSize.ofMegabytes(256))));

        assertThat(heap.outcome()).isEqualTo(BuildOutcome.OUT_OF_MEMORY);
        assertThat(heap.output()).contains("JavaScript heap out of memory");
        // Buffers live outside Node's heap: only the process limit (or the cgroup) stops them.
        assertThat(buffers.outcome()).isEqualTo(BuildOutcome.OUT_OF_MEMORY);
        assertThat(buffers.message()).contains("256MB");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void anyProcessThatAllocatesBeyondTheLimitIsStopped(Sandbox settings) {
        use(settings);
        BuildRun run = sandbox.run(BuildRequest.of(workspace, "head -c 600M /dev/zero | tail -n 1 > /dev/null")
                .withLimits(limits().withMemory(DataSize.ofMegabytes(256))));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.OUT_OF_MEMORY);
        assertThat(run.message()).contains("256MB");
    }

    @Test
    void theMemoryCgroupLimitsTheWholeTreeNotJustEachProcess() throws IOException {
        assumeTrue(sandbox.hasMemoryCgroups(), "no memory cgroup can be made here");
        assumeTrue(onPath("node"), "node is not installed");
        // Three processes of 150MB each: every one is within the limit, together they are not.
        // They wait for one another (no timing), so all three hold their memory at once.
        Files.writeString(workspace.resolve("fork.js"), """
                const { fork } = require('node:child_process');
                if (process.argv[2] === 'child') {
                  globalThis.kept = Buffer.alloc(150 * 1024 * 1024, 1);
                  process.send('ready');
                  setInterval(() => {}, 1000);
                } else {
                  let ready = 0;
                  for (let i = 0; i < 3; i++) {
                    const child = fork(__filename, ['child']);
                    child.on('message', () => { if (++ready === 3) { console.log('all held'); process.exit(0); } });
                    child.on('exit', (code, signal) => { console.log('a child ended', code, signal); process.exit(1); });
                  }
                }
                """);

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "node fork.js").withLimits(limits().withMemory(DataSize.ofMegabytes(256))));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.OUT_OF_MEMORY);
        assertThat(run.message()).isEqualTo("A process was killed for using more than the 256MB memory limit");
        assertThat(run.output()).doesNotContain("all held");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void cancellingARunningBuildKillsIt(Sandbox settings) {
        use(settings);
        long marker = marker();
        BuildCancellation cancellation = new BuildCancellation();

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "echo installing; sleep " + marker)
                .withCancellation(cancellation)
                .withLineListener(line -> {
                    if (line.equals("installing")) {
                        cancellation.cancel();
                    }
                }));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.CANCELED);
        assertThat(run.output()).isEqualTo("installing\n");
        assertThat(sleepers(marker)).isEmpty();
    }

    @Test
    void aBuildCancelledBeforeItsTurnNeverStarts() {
        BuildCancellation cancellation = new BuildCancellation();
        cancellation.cancel();

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "touch started").withCancellation(cancellation));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.CANCELED);
        assertThat(run.exitCode()).isEqualTo(-1);
        assertThat(workspace.resolve("started")).doesNotExist();
    }

    @Test
    void buildsBeyondTheConcurrencyLimitWaitTheirTurnForABoundedTime() {
        use(SandboxSettings.of(Isolation.AUTO, true, 1, Duration.ofMillis(200)));
        BuildCancellation first = new BuildCancellation();
        CompletableFuture<Void> firstStarted = new CompletableFuture<>();
        CompletableFuture<BuildRun> firstRun = CompletableFuture.supplyAsync(() -> sandbox.run(
                BuildRequest.of(workspace, "echo started; sleep " + marker()).withCancellation(first)
                        .withLineListener(line -> firstStarted.complete(null))));
        firstStarted.join();

        BuildRun refused = sandbox.run(BuildRequest.of(workspace, "touch second"));
        first.cancel();
        BuildRun canceled = firstRun.join();
        BuildRun afterwards = sandbox.run(BuildRequest.of(workspace, "echo third"));

        assertThat(refused.outcome()).isEqualTo(BuildOutcome.COULD_NOT_START);
        assertThat(refused.message()).isEqualTo("No build slot came free within 200ms");
        assertThat(workspace.resolve("second")).doesNotExist();
        assertThat(canceled.outcome()).isEqualTo(BuildOutcome.CANCELED);
        assertThat(afterwards.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
    }

    @Test
    void namespaceIsolationShowsTheBuildOnlyItsOwnDirectoriesWritable() throws IOException {
        assumeTrue(sandbox.isolation() == Isolation.NAMESPACE, "bubblewrap does not work here");
        Files.writeString(dataDirectory.resolve("master.keys"), "the master key");
        Files.createDirectories(workspace.resolve(".git/hooks"));
        Path other = sandbox.newWorkspace("other");
        long server = ProcessHandle.current().pid();

        BuildRun run = sandbox.run(BuildRequest.of(workspace, String.join("\n",
                "cat " + dataDirectory.resolve("master.keys") + " 2>/dev/null || echo 'no master key'",
                "ls -A " + other.getParent() + " | wc -l",
                "cat /proc/" + server + "/environ 2>/dev/null || echo 'no server process'",
                "touch /etc/nex7-was-here 2>/dev/null || echo 'etc is read-only'",
                "touch .git/hooks/pre-commit 2>/dev/null || echo '.git is read-only'",
                "touch built && echo 'workspace is writable'",
                "touch \"$HOME/x\" \"$TMPDIR/x\" \"$npm_config_cache/x\" && echo 'home, temp and cache are writable'")));

        assertThat(run.output()).isEqualTo(String.join("\n", "no master key", "1", "no server process", "etc is read-only",
                ".git is read-only", "workspace is writable", "home, temp and cache are writable", ""));
        assertThat(workspace.resolve("built")).exists();
        assertThat(Path.of("/etc/nex7-was-here")).doesNotExist();
    }

    @Test
    void aWorkspaceIsDeletedWithEverythingInItButNothingOutsideTheRootIs() throws IOException {
        Files.createDirectories(workspace.resolve("node_modules/.bin"));
        Files.writeString(workspace.resolve("node_modules/.bin/tsc"), "#!/bin/sh\n");
        Files.createSymbolicLink(workspace.resolve("outside"), dataDirectory);

        sandbox.delete(workspace);

        assertThat(workspace).doesNotExist();
        assertThat(dataDirectory).isDirectory();
        assertThatThrownBy(() -> sandbox.delete(dataDirectory)).isInstanceOf(OutsideSandbox.class);
    }

    @Test
    void toolsInstalledInAHiddenDirectoryStayUsable() throws IOException {
        // Like a Node installed by nvm in the server user's home, which namespace isolation hides.
        Path bin = Files.createDirectories(dataDirectory.resolve("tools/node-v20/bin"));
        Path tool = Files.writeString(bin.resolve("hello"), "#!/bin/sh\necho hello from a hidden install\n");
        Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dataDirectory.resolve("master.keys"), "the master key");
        use(SandboxSettings.withPath(bin + ":/usr/bin:/bin"));

        BuildRun run = sandbox.run(BuildRequest.of(workspace, "hello; echo \"$PATH\"; test -e "
                + dataDirectory.resolve("master.keys") + " && echo 'key visible' || echo 'key hidden'"));

        assertThat(run.outcome()).isEqualTo(BuildOutcome.SUCCEEDED);
        assertThat(run.output()).isEqualTo("hello from a hidden install\n" + bin + ":/usr/bin:/bin\n"
                + (sandbox.isolation() == Isolation.NAMESPACE ? "key hidden\n" : "key visible\n"));
    }

    /** This machine's best (namespace and cgroup where they work) and the plainest: a process and its rlimit. */
    static Stream<Arguments> configurations() {
        return Stream.of(Arguments.of(Named.of("auto", SandboxSettings.defaults())),
                Arguments.of(Named.of("plain process", SandboxSettings.plainProcess())));
    }

    private void use(Sandbox settings) {
        sandbox = new BuildSandbox(settings, dataDirectory);
        workspace = sandbox.newWorkspace("test");
    }

    private static BuildLimits limits() {
        return BuildLimits.of(SandboxSettings.defaults());
    }

    /** A number no other process has in its command line, for finding a build's processes afterwards. */
    private static long marker() {
        return 900_000 + ThreadLocalRandom.current().nextLong(1_000_000);
    }

    private static Set<ProcessHandle> sleepers(long marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(Long.toString(marker)))
                .collect(Collectors.toSet());
    }

    private static boolean onPath(String tool) {
        return Executables.find(System.getenv("PATH"), tool).isPresent();
    }
}
