package dev.nex7.workflow;

import dev.nex7.project.ProjectId;

/**
 * What happens to executions, published through the Spring Modulith event publication registry so
 * that no listener misses one. They carry ids and outcomes only: never node data or secrets.
 */
public final class WorkflowEvents {

    private WorkflowEvents() {
    }

    public record WorkflowStarted(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String mode) {
    }

    public record NodeCompleted(ExecutionId executionId, WorkflowId workflowId, String nodeId, String nodeType, long durationMillis) {
    }

    public record NodeFailed(ExecutionId executionId, WorkflowId workflowId, String nodeId, String nodeType, String code,
            String message) {
    }

    public record WorkflowCompleted(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, long durationMillis) {
    }

    /**
     * An execution ended without success.
     *
     * @param mode how it was started ({@code manual}, {@code webhook}, {@code schedule}, {@code event}, {@code error}, ...)
     * @param status {@code failed} or {@code cancelled}
     * @param failedNode the node that failed, when one did
     */
    public record WorkflowFailed(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String mode, String status,
            String failedNode, String message) {
    }

    /** A workflow's active version changed ({@code version} {@code null}: deactivated). Published in the changing transaction. */
    public record WorkflowActivated(WorkflowId workflowId, ProjectId projectId, Integer version) {
    }
}
