package dev.nex7.deployment.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One command of a project to run in the {@link BuildSandbox}.
 *
 * @param workingDirectory where it runs; must resolve (symbolic links followed) to a directory
 *        inside the sandbox root
 * @param command a shell command line, run by {@code /bin/sh -c}
 * @param environment the target's non-secret variables, added to the sandbox's own; they cannot
 *        replace the variables the sandbox sets itself ({@code PATH}, {@code HOME}, {@code CI}, …),
 *        which are dropped from here
 * @param limits the limits it runs under; {@code null} takes the settings' limits
 * @param lineListener called with each line of output as it arrives (for live logs), without its
 *        newline, on a thread of the sandbox; {@code null} for none. It should return quickly (the
 *        output is not read meanwhile); its failures are logged once and otherwise ignored.
 * @param cancellation the handle that cancels it; {@code null} for none
 */
public record BuildRequest(
        Path workingDirectory,
        String command,
        Map<String, String> environment,
        BuildLimits limits,
        Consumer<String> lineListener,
        BuildCancellation cancellation) {

    public BuildRequest {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("The command is blank");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** {@code command} in {@code workingDirectory} with no extra variables and the default limits. */
    public static BuildRequest of(Path workingDirectory, String command) {
        return new BuildRequest(workingDirectory, command, Map.of(), null, null, null);
    }

    public BuildRequest withEnvironment(Map<String, String> environment) {
        return new BuildRequest(workingDirectory, command, environment, limits, lineListener, cancellation);
    }

    public BuildRequest withLimits(BuildLimits limits) {
        return new BuildRequest(workingDirectory, command, environment, limits, lineListener, cancellation);
    }

    public BuildRequest withLineListener(Consumer<String> lineListener) {
        return new BuildRequest(workingDirectory, command, environment, limits, lineListener, cancellation);
    }

    public BuildRequest withCancellation(BuildCancellation cancellation) {
        return new BuildRequest(workingDirectory, command, environment, limits, lineListener, cancellation);
    }
}
