package dev.nex7.workflow;

import java.util.Objects;
import java.util.UUID;

/** Identifies a workflow. */
public record WorkflowId(UUID value) {

    public WorkflowId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkflowId random() {
        return new WorkflowId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
