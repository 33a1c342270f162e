package dev.nex7.workflow.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.engine.Execution;
import dev.nex7.workflow.engine.ExecutionStatus;
import dev.nex7.workflow.engine.NodeRun;
import dev.nex7.workflow.engine.NodeRunStatus;

/** What the execution API answers with. */
final class ExecutionViews {

    private ExecutionViews() {
    }

    record ExecutionSummary(UUID id, UUID workflowId, Integer version, ExecutionStatus status, String mode, UUID retryOf,
            Map<String, Object> error, Instant createdAt, Instant startedAt, Instant finishedAt, Long durationMillis) {

        static ExecutionSummary of(Execution execution) {
            Instant began = execution.startedAt();
            return new ExecutionSummary(execution.id().value(), execution.workflowId().value(), execution.version(), execution.status(),
                    execution.mode(), execution.retryOf() == null ? null : execution.retryOf().value(), execution.error(),
                    execution.createdAt(), began, execution.finishedAt(),
                    began == null || execution.finishedAt() == null ? null : execution.finishedAt().toEpochMilli() - began.toEpochMilli());
        }
    }

    /**
     * A node's run. Its input is not stored separately: it is the output of the nodes connected to
     * it, which the execution lists too (and the editor shows them together).
     */
    record NodeRunView(String nodeId, NodeRunStatus status, int attempts, Map<String, Object> output, Map<String, Object> error,
            List<Object> failedAttempts, List<String> logs, boolean pinned, Instant wakeAt, Instant startedAt, Instant finishedAt,
            Long durationMillis, Map<String, Object> input) {
    }

    /** @param iterations node runs inside loop iterations, by scope ({@code loopId#n}; nested loops joined by {@code /}) */
    record ExecutionDetail(ExecutionSummary execution, Object input, Map<String, Object> pinned, WorkflowDefinition definition,
            List<NodeRunView> nodes, Map<String, List<NodeRunView>> iterations) {
    }

    record RunRequest(Object input, Map<String, Object> pinned, Integer version) {
    }

    record RerunRequest(Object input) {
    }

    static NodeRunView view(NodeRun run, Map<String, Object> input) {
        return new NodeRunView(run.nodeId(), run.status(), run.attempts(), run.output(), run.error(), run.failures(), run.logs(),
                run.pinned(), run.wakeAt(), run.startedAt(), run.finishedAt(), run.durationMillis(), input);
    }
}
