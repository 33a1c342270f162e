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
 * @param vercel how deployments of linked Vercel projects are watched
 */
@Validated
@ConfigurationProperties("nex7.deployment")
public record DeploymentSettings(
        @DefaultValue("8MB") @NotNull DataSize maxLogSize,
        @DefaultValue("200") @Min(1) @Max(10_000) int maxFindings,
        @DefaultValue @Valid @NotNull Local local,
        @DefaultValue @Valid @NotNull Recovery recovery,
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
     */
    public record Recovery(
            @DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double threshold,
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("64KB") @NotNull DataSize maxDiffSize) {
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
     */
    public record Vercel(
            @DefaultValue("true") boolean polling,
            @DefaultValue("30s") @NotNull Duration pollInterval,
            @DefaultValue("10m") @NotNull Duration maxBackoff) {
    }

    /** The defaults with other analysis limits; for tests and tools. */
    public static DeploymentSettings analysis(DataSize maxLogSize, int maxFindings) {
        DeploymentSettings defaults = defaults();
        return new DeploymentSettings(maxLogSize, maxFindings, defaults.local(), defaults.recovery(), defaults.vercel());
    }

    /** The defaults; for tests and tools. */
    public static DeploymentSettings defaults() {
        return new DeploymentSettings(DataSize.ofMegabytes(8), 200,
                new Local(true, List.of(), Duration.ofSeconds(30), Duration.ofMinutes(2), 3),
                new Recovery(0.8, 3, DataSize.ofKilobytes(64)),
                new Vercel(true, Duration.ofSeconds(30), Duration.ofMinutes(10)));
    }
}
