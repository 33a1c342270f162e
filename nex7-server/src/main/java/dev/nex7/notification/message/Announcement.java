package dev.nex7.notification.message;

import dev.nex7.deployment.DeploymentId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

/**
 * What NEX7 tells people about one event, the same on every channel.
 *
 * @param eventKey names the event: the same event (delivered again after a crash) has the same key
 * @param title one line, such as "Deployment failed in Shop"
 * @param text a few sentences of plain text
 * @param link the web app's path that shows the deployment ({@code /projects/…/deployments/…})
 */
public record Announcement(NotificationKind kind, ProjectId projectId, String projectName, DeploymentId deploymentId,
        String eventKey, String title, String text, String link) {
}
