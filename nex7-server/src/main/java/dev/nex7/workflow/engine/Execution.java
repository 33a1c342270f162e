package dev.nex7.workflow.engine;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;

/**
 * One run of a workflow definition.
 *
 * @param version the version it runs, {@code null} for a draft run
 * @param snapshotHash the stored definition it runs (a draft can change while it runs; this cannot)
 * @param mode what started it: manual, webhook, schedule, event, error, subworkflow, retry, rerun
 * @param triggerNode the trigger node it starts from
 * @param input the trigger's payload
 * @param pinned node id → output value used instead of running the node
 * @param overrides node id → input value used instead of what arrives (re-run with edited input)
 */
public record Execution(ExecutionId id, WorkflowId workflowId, ProjectId projectId, Integer version, String snapshotHash,
        ExecutionStatus status, String mode, String triggerNode, Object input, Map<String, Object> pinned,
        Map<String, Object> overrides, Map<String, Object> error, ExecutionId parentId, ExecutionId retryOf, int depth,
        UUID startedBy, boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public Execution {
        pinned = pinned == null ? Map.of() : pinned;
        overrides = overrides == null ? Map.of() : overrides;
    }
}
