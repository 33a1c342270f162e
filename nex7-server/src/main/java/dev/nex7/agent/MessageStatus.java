package dev.nex7.agent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * Where a message stands: {@code streaming} while the model writes it, then one of the final
 * states — {@code complete}, {@code stopped} (the person pressed stop) or {@code failed}.
 */
public enum MessageStatus {
    STREAMING, COMPLETE, STOPPED, FAILED;

    public boolean isFinal() {
        return this != STREAMING;
    }

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static MessageStatus of(String id) {
        return LowerCaseIds.parse(MessageStatus.class, id);
    }
}
