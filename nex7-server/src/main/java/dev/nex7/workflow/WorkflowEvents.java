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

    public record WorkflowFailed(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String failedNode,
            String message) {
    }
}
