package dev.nex7.deployment;

import java.util.Objects;
import java.util.UUID;

/** Identifies one deployment of a project, whichever target built it. */
public record DeploymentId(UUID value) {

    public DeploymentId {
        Objects.requireNonNull(value, "value");
    }

    public static DeploymentId random() {
        return new DeploymentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
