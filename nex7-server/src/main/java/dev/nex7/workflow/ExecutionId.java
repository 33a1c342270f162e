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

    /**
     * The id a UUID string names.
     *
     * @throws IllegalArgumentException when {@code text} is not a UUID
     */
    public static ExecutionId parse(String text) {
        return new ExecutionId(UUID.fromString(Objects.requireNonNull(text, "text").strip()));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
