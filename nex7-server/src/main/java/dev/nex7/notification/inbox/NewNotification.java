package dev.nex7.notification.inbox;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

/**
 * A notification to add to someone's inbox.
 *
 * @param eventKey names the event it tells about: the same key for the same person adds nothing
 */
public record NewNotification(UserId recipient, ProjectId projectId, NotificationKind kind, String eventKey, String title,
        String body, String link) {
}
