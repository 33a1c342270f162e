package dev.nex7.agent;

import java.util.Objects;
import java.util.UUID;

/** The id of a project memory fact. */
public record FactId(UUID value) {

    public FactId {
        Objects.requireNonNull(value, "value");
    }

    public static FactId random() {
        return new FactId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
