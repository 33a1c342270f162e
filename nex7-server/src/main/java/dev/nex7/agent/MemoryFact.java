package dev.nex7.agent;

import java.time.Instant;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * Something the agents remember about a project ("deploys go through Vercel", "we use pnpm").
 *
 * @param text at most {@link ProjectMemory#MAX_FACT_LENGTH} characters
 * @param agentId the agent that remembered it, when {@code source} is {@code agent}
 * @param createdBy the member who added it, or in whose conversation the agent did
 */
public record MemoryFact(FactId id, ProjectId projectId, String text, FactSource source, String agentId,
        UserId createdBy, Instant createdAt, Instant updatedAt) {
}
