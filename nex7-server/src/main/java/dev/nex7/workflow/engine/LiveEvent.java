package dev.nex7.workflow.engine;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A moment in an execution, streamed to the canvas as it happens (server-sent events). Carries
 * statuses and timings only: node data is fetched from the execution, so nothing secret or large
 * travels on the stream.
 *
 * @param type {@code execution} or {@code node}
 * @param status the execution's or the node's new status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEvent(String type, String executionId, String workflowId, String nodeId, String status, Integer attempt,
        Long durationMillis, String error, Instant at) {
}
