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
import dev.nex7.workflow.engine.WorkflowRuns;

/** What the execution API answers with. */
final class ExecutionViews {

    private ExecutionViews() {
    }

    /** @param startedBy the user who ran it (manual runs, retries, re-runs and the sub-workflows they call); null for triggers */
    record ExecutionSummary(UUID id, UUID workflowId, Integer version, ExecutionStatus status, String mode, UUID retryOf,
            Map<String, Object> error, Instant createdAt, Instant startedAt, Instant finishedAt, Long durationMillis, UUID startedBy) {

        static ExecutionSummary of(Execution execution) {
            Instant began = execution.startedAt();
            return new ExecutionSummary(execution.id().value(), execution.workflowId().value(), execution.version(), execution.status(),
                    execution.mode(), execution.retryOf() == null ? null : execution.retryOf().value(), execution.error(),
                    execution.createdAt(), began, execution.finishedAt(),
                    began == null || execution.finishedAt() == null ? null : execution.finishedAt().toEpochMilli() - began.toEpochMilli(),
                    execution.startedBy());
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

    /** A human approval waiting for a decision; see {@link WorkflowRuns.PendingApproval}. */
    record ApprovalView(UUID executionId, UUID workflowId, String workflowName, UUID projectId, String nodeId, String nodeName,
            String message, String approverRole, Object input, Instant requestedAt, Instant timeoutAt, boolean canDecide) {

        static ApprovalView of(WorkflowRuns.PendingApproval pending) {
            return new ApprovalView(pending.executionId().value(), pending.workflowId().value(), pending.workflowName(),
                    pending.projectId().value(), pending.nodeId(), pending.nodeName(), pending.message(), pending.approverRole(),
                    pending.input(), pending.requestedAt(), pending.timeoutAt(), pending.canDecide());
        }
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
