package dev.nex7.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * An execution succeeded. As a {@link TriggerEvent} of type {@code workflow.completed} its payload is
     * {@code {executionId, workflowId, mode, durationMillis}}.
     *
     * @param mode how it was started ({@code manual}, {@code webhook}, {@code schedule}, {@code event}, {@code error}, ...)
     */
    public record WorkflowCompleted(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String mode, long durationMillis)
            implements TriggerEvent {

        @Override
        public String type() {
            return "workflow.completed";
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("executionId", executionId.toString());
            payload.put("workflowId", workflowId.toString());
            payload.put("mode", mode);
            payload.put("durationMillis", durationMillis);
            return payload;
        }

        @Override
        public WorkflowId originWorkflow() {
            return workflowId;
        }

        @Override
        public String originMode() {
            return mode;
        }
    }

    /**
     * An execution ended without success. As a {@link TriggerEvent} its type is {@code workflow.failed}
     * or {@code workflow.cancelled} (by {@code status}) and its payload
     * {@code {executionId, workflowId, mode, status, failedNode, message}}.
     *
     * @param mode how it was started ({@code manual}, {@code webhook}, {@code schedule}, {@code event}, {@code error}, ...)
     * @param status {@code failed} or {@code cancelled}
     * @param failedNode the node that failed, when one did
     */
    public record WorkflowFailed(ExecutionId executionId, WorkflowId workflowId, ProjectId projectId, String mode, String status,
            String failedNode, String message) implements TriggerEvent {

        @Override
        public String type() {
            return "workflow." + status;
        }

        @Override
        public Map<String, Object> payload() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("executionId", executionId.toString());
            payload.put("workflowId", workflowId.toString());
            payload.put("mode", mode);
            payload.put("status", status);
            payload.put("failedNode", failedNode);
            payload.put("message", message);
            return payload;
        }

        @Override
        public WorkflowId originWorkflow() {
            return workflowId;
        }

        @Override
        public String originMode() {
            return mode;
        }
    }

    /** A workflow's active version changed ({@code version} {@code null}: deactivated). Published in the changing transaction. */
    public record WorkflowActivated(WorkflowId workflowId, ProjectId projectId, Integer version) {
    }
}
