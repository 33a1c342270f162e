package dev.nex7.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Deployments and their logs.
 *
 * @param maxLogSize the most of a log that is analysed; of a longer log only the end is read,
 *        where build tools print their errors and summaries
 * @param maxFindings the most findings one analysis returns (the root always among them); a log
 *        with thousands of lint warnings gets the first ones
 */
@Validated
@ConfigurationProperties("nex7.deployment")
public record DeploymentSettings(
        @DefaultValue("8MB") @NotNull DataSize maxLogSize,
        @DefaultValue("200") @Min(1) @Max(10_000) int maxFindings) {

    /** The defaults; for tests and tools. */
    public static DeploymentSettings defaults() {
        return new DeploymentSettings(DataSize.ofMegabytes(8), 200);
    }
}
