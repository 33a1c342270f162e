package dev.nex7.llm;

import java.util.Objects;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * Who a model call is for and why: what it is metered and budgeted against.
 *
 * @param user the user the call is made for (their monthly budget applies)
 * @param project the project it is made in, or {@code null}; its budget, settings and keys apply
 * @param agentId the agent that makes it, or {@code null}
 * @param purpose what it is for: {@code chat}, {@code summary}, {@code workflow-node}, …
 */
public record CallContext(UserId user, ProjectId project, String agentId, String purpose) {

    public CallContext {
        Objects.requireNonNull(user, "user");
        purpose = purpose == null || purpose.isBlank() ? "chat" : purpose.strip();
        if (purpose.length() > 50 || (agentId != null && agentId.length() > 100)) {
            throw new IllegalArgumentException("purpose is at most 50 characters and agentId at most 100");
        }
    }
}
