package dev.nex7.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a message is, so the chat and the export can show it for what it is.
 * <ul>
 * <li>{@code message}: said by the person or an agent;
 * <li>{@code handoff}: an agent handed the conversation to another ({@code targetAgentId}); its
 * text is the context summary it carried;
 * <li>{@code consultation}: an agent asked another one ({@code targetAgentId}) a question; the
 * consultation's own messages hang under it ({@code parentId}) and show collapsed;
 * <li>{@code tool-call} and {@code tool-result}: an agent used a tool, and what came back;
 * <li>{@code notice} and {@code error}: said by NEX7 itself (a provider fell back, a budget ran out).
 * </ul>
 */
public enum MessageKind {
    MESSAGE("message"), HANDOFF("handoff"), CONSULTATION("consultation"), TOOL_CALL("tool-call"),
    TOOL_RESULT("tool-result"), NOTICE("notice"), ERROR("error");

    private final String id;

    MessageKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static MessageKind of(String id) {
        for (MessageKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown MessageKind " + id);
    }
}
