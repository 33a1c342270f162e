package dev.nex7.agent;

import dev.nex7.identity.UserId;

/**
 * A person deleted one of their conversations, with its messages. The turn orchestration stops a
 * turn still streaming into it.
 */
public record ConversationDeleted(ConversationId conversationId, UserId userId) {
}
