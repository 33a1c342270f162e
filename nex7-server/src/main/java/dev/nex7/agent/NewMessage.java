package dev.nex7.agent;

import java.util.List;

/**
 * A message to append to a conversation. Use the factories for the common cases.
 *
 * @param text the plain text; {@code null} derives it from the content blocks
 * @param status {@code streaming} for an answer the model is still writing (finish it with
 *        {@link Conversations#complete}); otherwise a final status
 * @param parentId the consultation message this one belongs to, or {@code null}
 * @see Message
 */
public record NewMessage(MessageRole role, String agentId, String targetAgentId, MessageKind kind,
        List<ContentBlock> content, String text, MessageStatus status, MessageUsage usage, MessageId parentId) {

    public NewMessage {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** What the person wrote. */
    public static NewMessage fromUser(String text) {
        return new NewMessage(MessageRole.USER, null, null, MessageKind.MESSAGE, List.of(new ContentBlock.Text(text)),
                null, MessageStatus.COMPLETE, null, null);
    }

    /** An agent's answer that is about to be streamed; it starts empty. */
    public static NewMessage streaming(String agentId) {
        return new NewMessage(MessageRole.ASSISTANT, agentId, null, MessageKind.MESSAGE, List.of(), null,
                MessageStatus.STREAMING, null, null);
    }

    /** A whole answer from an agent. */
    public static NewMessage fromAgent(String agentId, List<ContentBlock> content, MessageUsage usage) {
        return new NewMessage(MessageRole.ASSISTANT, agentId, null, MessageKind.MESSAGE, content, null,
                MessageStatus.COMPLETE, usage, null);
    }

    /** {@code from} hands the conversation to {@code to}; {@code summary} is the context it carries. */
    public static NewMessage handoff(String from, String to, String summary) {
        return new NewMessage(MessageRole.ASSISTANT, from, to, MessageKind.HANDOFF,
                List.of(new ContentBlock.Text(summary)), null, MessageStatus.COMPLETE, null, null);
    }

    /** {@code from} asks {@code to} a question; the consultation's messages are appended {@link #within} it. */
    public static NewMessage consultation(String from, String to, String question) {
        return new NewMessage(MessageRole.ASSISTANT, from, to, MessageKind.CONSULTATION,
                List.of(new ContentBlock.Text(question)), null, MessageStatus.COMPLETE, null, null);
    }

    /** An agent's request to use a tool. */
    public static NewMessage toolCall(String agentId, ContentBlock.ToolUse call, MessageUsage usage) {
        return new NewMessage(MessageRole.ASSISTANT, agentId, null, MessageKind.TOOL_CALL, List.of(call), null,
                MessageStatus.COMPLETE, usage, null);
    }

    /** What a tool gave back to the agent that called it. */
    public static NewMessage toolResult(String agentId, ContentBlock.ToolResult result) {
        return new NewMessage(MessageRole.TOOL, agentId, null, MessageKind.TOOL_RESULT, List.of(result), null,
                MessageStatus.COMPLETE, null, null);
    }

    /** Something NEX7 itself tells the person ({@code error}: something went wrong). */
    public static NewMessage notice(MessageKind kind, String text) {
        return new NewMessage(MessageRole.ASSISTANT, null, null, kind, List.of(new ContentBlock.Text(text)), null,
                MessageStatus.COMPLETE, null, null);
    }

    /** This message, as part of the consultation {@code consultation}. */
    public NewMessage within(MessageId consultation) {
        return new NewMessage(role, agentId, targetAgentId, kind, content, text, status, usage, consultation);
    }

    /** This message, said by {@code speaker} (within a consultation the asking agent speaks as the user). */
    public NewMessage by(String speaker) {
        return new NewMessage(role, speaker, targetAgentId, kind, content, text, status, usage, parentId);
    }
}
