package dev.nex7.mcp.token;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * An MCP access token as listed: never the token itself, only its first characters.
 *
 * @param project the project it is bound to; {@code null} for a personal token (every project of its user)
 */
public record McpToken(UUID id, UserId user, ProjectId project, String name, String prefix, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {
}
