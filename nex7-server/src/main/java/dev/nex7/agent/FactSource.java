package dev.nex7.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** Who put a fact in a project's memory: a member, or an agent during a conversation. */
public enum FactSource {
    USER, AGENT;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static FactSource of(String id) {
        return LowerCaseIds.parse(FactSource.class, id);
    }
}
