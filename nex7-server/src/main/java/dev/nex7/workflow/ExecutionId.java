package dev.nex7.workflow;

import java.util.Objects;
import java.util.UUID;

/** Identifies one execution of a workflow. */
public record ExecutionId(UUID value) {

    public ExecutionId {
        Objects.requireNonNull(value, "value");
    }

    public static ExecutionId random() {
        return new ExecutionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
