package dev.nex7.integration;

import dev.nex7.project.ProjectId;

/**
 * GitHub told NEX7 something about a project's linked repository (published in the transaction that
 * stored the delivery, once per delivery id). Workflows and the deployment monitor react to it.
 *
 * @param event the {@code X-GitHub-Event}: push, pull_request, release, ping, or any other (stored, not acted on)
 * @param action the payload's {@code action} (opened, closed, published, …), or null
 * @param ref for a push, the ref pushed ({@code refs/heads/main}); otherwise null
 * @param headSha for a push, the commit it moved the ref to; for a pull request, its head commit
 * @param pullRequestNumber for a pull request, its number; otherwise null
 * @param merged for a pull request closed by merging it, true; otherwise false
 */
public record GitHubEventReceived(ProjectId projectId, String deliveryId, String event, String action, String repository, String ref,
        String headSha, Integer pullRequestNumber, boolean merged) {
}
