package dev.nex7.notification.inbox;

import java.time.Instant;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

/**
 * One in-app notification as its recipient sees it.
 *
 * @param link a path of the web app ({@code /projects/…/deployments/…}) the notification opens
 * @param readAt when the recipient marked it read; {@code null} while unread
 */
public record Notification(NotificationId id, UserId recipient, ProjectId projectId, NotificationKind kind, String title,
        String body, String link, Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
