package dev.nex7.agent;

import java.time.Instant;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * A person's conversation with the agents.
 *
 * @param projectId the project it is bound to (agents then see the project and its tools), or {@code null}
 * @param currentAgentId the agent that answers the next message unless another is named; it may name
 *        an agent that has since gone (a plugin's, a deleted custom one); the orchestration then lets
 *        Nexy answer
 * @param summaryThroughSeq the last message the stored summary covers; 0 when there is no summary
 * @param lastSeq the seq of the newest message; 0 when there is none
 */
public record Conversation(ConversationId id, UserId userId, ProjectId projectId, String title, String currentAgentId,
        long summaryThroughSeq, long lastSeq, Instant createdAt, Instant updatedAt) {

    public boolean hasSummary() {
        return summaryThroughSeq > 0;
    }
}
