package dev.nex7.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Deployments, their logs, the local target and recovery.
 *
 * @param maxLogSize the most of a log that is analysed; of a longer log only the end is read,
 *        where build tools print their errors and summaries
 * @param maxFindings the most findings one analysis returns (the root always among them); a log
 *        with thousands of lint warnings gets the first ones
 * @param local the local deployment target
 * @param recovery how failed deployments are recovered
 * @param sandbox how a project's install and build commands are run ({@code nex7.deployment.sandbox.*})
 * @param vercel how deployments of linked Vercel projects are watched
 */
@Validated
@ConfigurationProperties("nex7.deployment")
public record DeploymentSettings(
        @DefaultValue("8MB") @NotNull DataSize maxLogSize,
        @DefaultValue("200") @Min(1) @Max(10_000) int maxFindings,
        @DefaultValue @Valid @NotNull Local local,
        @DefaultValue @Valid @NotNull Recovery recovery,
        @DefaultValue @Valid @NotNull Sandbox sandbox,
        @DefaultValue @Valid @NotNull Vercel vercel) {

    /**
     * The local deployment target.
     *
     * @param enabled whether projects may link a local target (it runs their commands on this machine)
     * @param repositoryRoots the directories local repositories must be in; empty: anywhere
     * @param pollInterval how often a watched branch is checked for new commits
     * @param buildLease how long a builder's claim on a deployment holds without being renewed; a
     *        deployment whose builder died is built again after it
     * @param keepWorkspaces how many finished deployments of a project keep their checkout (the newest ready one always does)
     */
    public record Local(
            @DefaultValue("true") boolean enabled,
            @DefaultValue List<Path> repositoryRoots,
            @DefaultValue("30s") @NotNull Duration pollInterval,
            @DefaultValue("2m") @NotNull Duration buildLease,
            @DefaultValue("3") @Min(1) @Max(100) int keepWorkspaces) {
    }

    /**
     * Recovery of failed deployments.
     *
     * @param threshold the default confidence a fix needs to be tried (a project may set its own)
     * @param maxAttempts the default number of fixes tried per failed deployment
     * @param maxDiffSize the largest patch a model may propose
     * @param maxSourceSize the most a failed commit's source archive (fetched from GitHub for a Vercel
     *        deployment) may unpack to; the download itself is bounded by {@code nex7.integration.max-response-size}
     * @param maxSourceEntries the most files, folders and links that archive may hold
     */
    public record Recovery(
            @DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double threshold,
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("64KB") @NotNull DataSize maxDiffSize,
            @DefaultValue("256MB") @NotNull DataSize maxSourceSize,
            @DefaultValue("50000") @Min(1) int maxSourceEntries) {
    }

    /**
     * Watching the deployments of linked Vercel projects (Vercel's webhook events are applied
     * whatever these say).
     *
     * @param polling whether this instance polls Vercel's deployments API; off, only webhook events
     *        are seen (instances share the polling through the database, so any number may poll)
     * @param pollInterval how often each linked project's deployments are listed (an unchanged list
     *        costs one 304 answer)
     * @param maxBackoff the longest wait before polling a project again after failures; the wait
     *        doubles per failure from the poll interval, with jitter, and honours Vercel's Retry-After
     * @param maxPages the most pages of deployments one poll reads: it reads older pages until it
     *        reaches deployments it knows as ended, and stops here (with a log line) otherwise
     */
    public record Vercel(
            @DefaultValue("true") boolean polling,
            @DefaultValue("30s") @NotNull Duration pollInterval,
            @DefaultValue("10m") @NotNull Duration maxBackoff,
            @DefaultValue("5") @Min(1) @Max(100) int maxPages) {
    }

    /** The defaults with other analysis limits; for tests and tools. */
    public static DeploymentSettings analysis(DataSize maxLogSize, int maxFindings) {
        DeploymentSettings defaults = defaults();
        return new DeploymentSettings(maxLogSize, maxFindings, defaults.local(), defaults.recovery(), defaults.sandbox(),
                defaults.vercel());
    }

    /** The defaults; for tests and tools. */
    public static DeploymentSettings defaults() {
        return new DeploymentSettings(DataSize.ofMegabytes(8), 200,
                new Local(true, List.of(), Duration.ofSeconds(30), Duration.ofMinutes(2), 3),
                new Recovery(0.8, 3, DataSize.ofKilobytes(64), DataSize.ofMegabytes(256), 50_000), Sandbox.defaults(),
                new Vercel(true, Duration.ofSeconds(30), Duration.ofMinutes(10), 5));
    }

    /**
     * The build sandbox: where and how a project's own commands ({@code npm ci}, {@code npm run build})
     * run, and the limits they run under.
     *
     * @param root the directory every build works in (checkouts, per-run home and temp
     *        directories, the shared npm cache); blank means {@code <nex7.db.data-dir>/builds}
     * @param isolation {@code auto} confines a build to its own directories with Linux namespaces
     *        (bubblewrap) when that works on this machine and runs it as a plain process otherwise;
     *        {@code namespace} insists on the confinement, {@code process} never uses it
     * @param maxConcurrentBuilds how many builds run at once; the others wait their turn
     * @param queueTimeout how long a build waits for its turn before it is given up
     * @param timeout the wall time a build may take before its whole process tree is killed
     * @param memory the memory a build may use: a limit per process (RLIMIT_DATA), the whole
     *        tree's limit when the server may create a memory cgroup, and Node's heap ceiling
     * @param maxOutput the most of a build's output that is kept: its first and last halves, with
     *        a line saying how much of the middle was dropped
     * @param path the {@code PATH} builds see; blank means the system directories plus those of
     *        the {@code node} and {@code npm} the server sees
     * @param npmRegistry the npm registry builds install from ({@code npm_config_registry}); blank
     *        leaves npm's default (or the project's {@code .npmrc})
     * @param cgroups whether to put each build in its own memory cgroup when the server may
     * @param cgroupParent the cgroup directory build cgroups are made in; blank means the server's
     *        own memory cgroup (cgroup v1), or its own cgroup when it delegates the memory
     *        controller (cgroup v2)
     * @param hiddenPaths directories a namespace-confined build must not see, beyond the data
     *        directory and the server user's home, which are always hidden
     */
    public record Sandbox(
            Path root,
            @DefaultValue("auto") @NotNull Isolation isolation,
            @DefaultValue("2") @Min(1) @Max(64) int maxConcurrentBuilds,
            @DefaultValue("30m") @NotNull Duration queueTimeout,
            @DefaultValue("15m") @NotNull Duration timeout,
            @DefaultValue("2GB") @NotNull DataSize memory,
            @DefaultValue("2MB") @NotNull DataSize maxOutput,
            String path,
            String npmRegistry,
            @DefaultValue("true") boolean cgroups,
            Path cgroupParent,
            @DefaultValue List<Path> hiddenPaths) {

        public Sandbox {
            if (timeout != null && !timeout.isPositive() || queueTimeout != null && queueTimeout.isNegative()) {
                throw new IllegalArgumentException("nex7.deployment.sandbox.timeout must be positive and queue-timeout not negative");
            }
            if (memory != null && memory.toMegabytes() < 16 || maxOutput != null && maxOutput.toBytes() < 1024) {
                throw new IllegalArgumentException("nex7.deployment.sandbox.memory must be at least 16MB and max-output at least 1KB");
            }
            hiddenPaths = hiddenPaths == null ? List.of() : List.copyOf(hiddenPaths);
        }

        /** The defaults; for tests and tools. */
        public static Sandbox defaults() {
            return new Sandbox(null, Isolation.AUTO, 2, Duration.ofMinutes(30), Duration.ofMinutes(15),
                    DataSize.ofGigabytes(2), DataSize.ofMegabytes(2), null, null, true, null, List.of());
        }

        /** How a build is confined. */
        public enum Isolation {
            /** Namespace confinement when it works here, otherwise a plain process. */
            AUTO,
            /** Always namespace confinement (bubblewrap); builds cannot start without it. */
            NAMESPACE,
            /** A plain child process: a clean environment and limits, but the server user's file access. */
            PROCESS
        }
    }
}
