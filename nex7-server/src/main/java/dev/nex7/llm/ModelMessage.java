package dev.nex7.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, in no provider's format. The system prompt is not a message: it is
 * {@link ModelRequest#system()}.
 *
 * @param role who wrote it
 * @param content its blocks, in order; tool results go in a user message
 */
public record ModelMessage(Role role, List<ContentBlock> content) {

    /** Who wrote a message. */
    public enum Role {
        USER, ASSISTANT
    }

    public ModelMessage {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("A message has at least one content block");
        }
    }

    /** A user message of plain text. */
    public static ModelMessage user(String text) {
        return new ModelMessage(Role.USER, List.of(new TextBlock(text)));
    }

    /** A user message carrying tool results (and possibly text). */
    public static ModelMessage user(List<ContentBlock> content) {
        return new ModelMessage(Role.USER, content);
    }

    /** An assistant message of plain text. */
    public static ModelMessage assistant(String text) {
        return new ModelMessage(Role.ASSISTANT, List.of(new TextBlock(text)));
    }

    /** An assistant message as a model answered it, tool calls included. */
    public static ModelMessage assistant(List<ContentBlock> content) {
        return new ModelMessage(Role.ASSISTANT, content);
    }
}
