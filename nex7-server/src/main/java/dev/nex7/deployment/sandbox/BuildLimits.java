package dev.nex7.deployment.sandbox;

import java.time.Duration;
import java.util.Objects;

import org.springframework.util.unit.DataSize;

import dev.nex7.deployment.DeploymentSettings;

/**
 * The limits one sandboxed command runs under.
 *
 * @param wallTime how long it may run before its whole process tree is killed
 * @param memory the memory it may use (see {@link BuildSandbox} for how that is enforced)
 * @param maxOutput how much of its output is kept: the first and the last halves
 */
public record BuildLimits(Duration wallTime, DataSize memory, DataSize maxOutput) {

    public BuildLimits {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(maxOutput, "maxOutput");
        if (!wallTime.isPositive() || memory.toMegabytes() < 16 || maxOutput.toBytes() < 1024) {
            throw new IllegalArgumentException("Limits must be a positive wall time, at least 16MB of memory and 1KB of output");
        }
    }

    /** The limits the settings give every build. */
    public static BuildLimits of(DeploymentSettings.Sandbox settings) {
        return new BuildLimits(settings.timeout(), settings.memory(), settings.maxOutput());
    }

    public BuildLimits withWallTime(Duration wallTime) {
        return new BuildLimits(wallTime, memory, maxOutput);
    }

    public BuildLimits withMemory(DataSize memory) {
        return new BuildLimits(wallTime, memory, maxOutput);
    }

    public BuildLimits withMaxOutput(DataSize maxOutput) {
        return new BuildLimits(wallTime, memory, maxOutput);
    }
}
