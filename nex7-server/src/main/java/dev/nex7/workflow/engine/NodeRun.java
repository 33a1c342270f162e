package dev.nex7.workflow.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is recorded about one node in one execution.
 *
 * @param output the value per output port that received one ({@code null} for skipped or waiting runs)
 * @param error the final failure {@code {code, message, retryable}} when the run failed
 * @param failures every failed attempt before the last, oldest first
 * @param state what a waiting node stored to resume with
 * @param signal the payload a waiting node was signalled with, not yet consumed
 * @param wakeAt when a waiting node wakes up by itself
 * @param logs the node's log lines (capped)
 * @param pinned whether the output was pinned data rather than a real run
 */
public record NodeRun(String nodeId, NodeRunStatus status, int attempts, Map<String, Object> output, Map<String, Object> error,
        List<Object> failures, Object state, Object signal, Instant wakeAt, List<String> logs, boolean pinned, Instant startedAt,
        Instant finishedAt) {

    public NodeRun {
        failures = failures == null ? List.of() : failures;
        logs = logs == null ? List.of() : logs;
    }

    public boolean delivered(String port) {
        return output != null && output.containsKey(port);
    }

    public Long durationMillis() {
        return finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
