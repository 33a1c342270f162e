package dev.nex7.deployment;

import java.time.Duration;
import java.time.Instant;

import dev.nex7.project.ProjectId;

/**
 * One deployment of a project as NEX7 knows it (the seed's data model): which target built it, its
 * state, the commit, the live URL and when it started and finished. The log and its findings are
 * read separately ({@link Deployments#log}).
 *
 * @param target {@code local} or {@code vercel}
 * @param externalId the target's own id ({@code dpl_…} for Vercel), null for the local target
 * @param trigger what started it: {@code push}, {@code manual}, {@code fix}, {@code rollback},
 *        {@code redeploy}, {@code webhook}, {@code poll}, {@code reconcile}
 * @param environment {@code production} or {@code preview}
 * @param rootCategory the root finding's category id when the deployment failed and its log was analysed
 * @param rootCause the root finding's message, likewise
 */
public record Deployment(DeploymentId id, ProjectId projectId, String target, String externalId, DeploymentStatus status,
        String trigger, String environment, String url, String commitSha, String commitMessage, String branch,
        String rootCategory, String rootCause, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** Target ids. */
    public static final String LOCAL = "local";
    public static final String VERCEL = "vercel";

    /** How long it built, when it has started and finished. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
