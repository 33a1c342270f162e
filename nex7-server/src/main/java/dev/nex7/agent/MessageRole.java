package dev.nex7.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * Who a message comes from: the person, an agent (the model), or a tool whose result goes back to
 * the model (the gateway sends those as user turns holding {@code tool_result} blocks).
 */
public enum MessageRole {
    USER, ASSISTANT, TOOL;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static MessageRole of(String id) {
        return LowerCaseIds.parse(MessageRole.class, id);
    }
}
