package dev.nex7.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a deployment is, with Vercel's states as the vocabulary (the local target uses the same). */
public enum DeploymentStatus {
    /** Waiting for the builder. */
    QUEUED,
    /** Installing and building. */
    BUILDING,
    /** Built and live. */
    READY,
    /** The build or the deployment failed. */
    ERROR,
    /** Stopped before it finished. */
    CANCELED;

    /** Whether the deployment has ended (ready, error or canceled). */
    public boolean finished() {
        return this == READY || this == ERROR || this == CANCELED;
    }

    @JsonValue
    public String id() {
        return KebabIds.id(this);
    }

    @JsonCreator
    public static DeploymentStatus of(String id) {
        return KebabIds.parse(DeploymentStatus.class, id);
    }
}
