package dev.nex7.agent;

import java.time.Instant;
import java.util.List;

/**
 * A stored message.
 *
 * @param seq its place in the conversation, from 1; inner consultation messages are numbered in the
 *        same sequence
 * @param agentId the agent that wrote it (assistant messages), or that acted for the person
 * @param targetAgentId the agent a handoff hands to or a consultation asks; otherwise {@code null}
 * @param text the plain text of the content, for search and export
 * @param usage what the model call cost; {@code null} when no model produced it
 * @param parentId the consultation it belongs to; {@code null} for the conversation's own messages
 */
public record Message(MessageId id, ConversationId conversationId, long seq, MessageRole role, String agentId,
        String targetAgentId, MessageKind kind, List<ContentBlock> content, String text, MessageStatus status,
        MessageUsage usage, MessageId parentId, Instant createdAt, Instant completedAt) {

    public Message {
        content = List.copyOf(content);
    }
}
