package dev.nex7.integration;

import dev.nex7.project.ProjectId;

/**
 * Vercel told NEX7 about a deployment of a project's linked Vercel project (published in the
 * transaction that stored the event, once per event id). The deployment monitor reacts to it.
 *
 * @param type the event type: deployment.created, deployment.succeeded, deployment.ready, deployment.promoted,
 *        deployment.error, deployment.canceled, or any other (stored, not acted on)
 * @param deploymentId Vercel's deployment id ({@code dpl_…})
 * @param target {@code production} or {@code preview} (null when Vercel does not say)
 * @param commitSha the Git commit deployed, when Vercel names one
 */
public record VercelEventReceived(ProjectId projectId, String eventId, String type, String deploymentId, String url, String target,
        String commitSha, String commitMessage, String commitRef) {
}
