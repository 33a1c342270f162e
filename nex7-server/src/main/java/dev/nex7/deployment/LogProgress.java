package dev.nex7.deployment;

import java.util.List;

/**
 * What a reader following a deployment's log gets: the text after its cursor, or the whole text
 * when the stored log was rewritten since (its kept end moved, or the final log replaced the one
 * written while building), the cursor to ask with next, and the deployment's status.
 *
 * @param text the new text (the whole text when {@code reset} or when no cursor was given); null
 *        when no cursor was given and nothing is stored yet
 * @param reset whether {@code text} is the whole log, replacing what the reader has
 * @param findings the analysis of a failed deployment's log, the root first; empty otherwise
 */
public record LogProgress(DeploymentId deploymentId, DeploymentStatus status, String text, LogCursor cursor, boolean reset,
        List<Finding> findings) {
}
