package dev.nex7.workflow.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * An execution's lifecycle: {@code queued → running → (waiting ⇄ running) → succeeded | failed |
 * cancelled}. {@link ExecutionRunner} is the one place that moves an execution along it.
 */
public enum ExecutionStatus {
    QUEUED, RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static ExecutionStatus of(String id) {
        return LowerCaseIds.parse(ExecutionStatus.class, id);
    }
}
