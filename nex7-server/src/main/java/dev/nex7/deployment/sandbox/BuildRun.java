package dev.nex7.deployment.sandbox;

import java.time.Duration;

/**
 * How one sandboxed command went.
 *
 * @param outcome how it ended
 * @param exitCode its exit status; a signal {@code n} shows as {@code 128 + n}; {@code -1} when
 *        it never started
 * @param output its stdout and stderr, interleaved as written, decoded as UTF-8; when longer than
 *        the output limit, its first and last halves around a line {@code [nex7 sandbox: N bytes
 *        of output dropped]}
 * @param droppedBytes how many bytes of output were dropped from the middle
 * @param duration how long it ran (not counting the wait for a free build slot)
 * @param message one sentence for people on how it ended ("exited with 1", "did not finish within 15m", …)
 */
public record BuildRun(BuildOutcome outcome, int exitCode, String output, long droppedBytes, Duration duration,
        String message) {

    public boolean succeeded() {
        return outcome == BuildOutcome.SUCCEEDED;
    }

    static BuildRun notStarted(String message) {
        return new BuildRun(BuildOutcome.COULD_NOT_START, -1, "", 0, Duration.ZERO, message);
    }

    static BuildRun canceledBeforeStart() {
        return new BuildRun(BuildOutcome.CANCELED, -1, "", 0, Duration.ZERO, "Canceled before it started");
    }
}
