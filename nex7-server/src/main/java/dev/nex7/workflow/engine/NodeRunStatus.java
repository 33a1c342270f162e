package dev.nex7.workflow.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * A node run's lifecycle: {@code queued → running → succeeded | failed | waiting | cancelled}, or
 * {@code skipped} when no input reached it. Only the states after {@code running} are stored; the
 * first two are live-only (events), which is why a node whose result was not recorded runs again
 * after a crash, with the same idempotency key.
 */
public enum NodeRunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED, WAITING, CANCELLED;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static NodeRunStatus of(String id) {
        return LowerCaseIds.parse(NodeRunStatus.class, id);
    }
}
