package dev.nex7.workflow.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** What a node failure does once its retries are used up. */
public enum OnError {
    /** The execution fails. */
    STOP,
    /** The node counts as succeeded with an empty ({@code null}) output, and the flow goes on. */
    CONTINUE,
    /** The failure ({@code {code, message, nodeId}}) goes out on the node's {@code error} port. */
    ROUTE;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static OnError of(String id) {
        return LowerCaseIds.parse(OnError.class, id);
    }
}
