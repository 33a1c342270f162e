package dev.nex7.notification.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.notification.NotificationKind;
import dev.nex7.project.ProjectId;

/** The in-app notifications table: each row belongs to one recipient, and every query says whose. */
@Repository
class Notifications {

    private static final String COLUMNS = "id, recipient_id, project_id, kind, title, body, link, created_at, read_at";

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the notification unless its recipient has one for the same event already. */
    Optional<Notification> insert(NotificationId id, NewNotification fresh, Instant at) {
        return jdbc.sql("INSERT INTO notification_notifications (id, recipient_id, project_id, kind, event_key, title, body, link, created_at) "
                        + "VALUES (:id, :recipient, :project, :kind, :eventKey, :title, :body, :link, :at) "
                        + "ON CONFLICT (recipient_id, event_key) DO NOTHING RETURNING " + COLUMNS)
                .param("id", id.value()).param("recipient", fresh.recipient().value()).param("project", fresh.projectId().value())
                .param("kind", fresh.kind().id()).param("eventKey", fresh.eventKey()).param("title", fresh.title())
                .param("body", fresh.body()).param("link", fresh.link()).param("at", Timestamp.from(at))
                .query(Notifications::map).optional();
    }

    /** The recipient's notifications older than the one at {@code beforeSeq}, newest first. */
    List<Notification> page(UserId recipient, boolean unreadOnly, long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_notifications WHERE recipient_id = :recipient AND seq < :before "
                        + "AND (read_at IS NULL OR NOT :unreadOnly) ORDER BY seq DESC LIMIT :limit")
                .param("recipient", recipient.value()).param("before", beforeSeq).param("unreadOnly", unreadOnly).param("limit", limit)
                .query(Notifications::map).list();
    }

    /** Where a notification of the recipient's stands in their list, to page on from it. */
    Optional<Long> seqOf(UserId recipient, NotificationId id) {
        return jdbc.sql("SELECT seq FROM notification_notifications WHERE id = :id AND recipient_id = :recipient")
                .param("id", id.value()).param("recipient", recipient.value()).query(Long.class).optional();
    }

    long unread(UserId recipient) {
        return jdbc.sql("SELECT count(*) FROM notification_notifications WHERE recipient_id = :recipient AND read_at IS NULL")
                .param("recipient", recipient.value()).query(Long.class).single();
    }

    /** Marks one of the recipient's notifications read (a second time keeps the first time). */
    Optional<Notification> markRead(UserId recipient, NotificationId id, Instant at) {
        return jdbc.sql("UPDATE notification_notifications SET read_at = coalesce(read_at, :at) WHERE id = :id AND recipient_id = :recipient "
                        + "RETURNING " + COLUMNS)
                .param("at", Timestamp.from(at)).param("id", id.value()).param("recipient", recipient.value())
                .query(Notifications::map).optional();
    }

    int markAllRead(UserId recipient, Instant at) {
        return jdbc.sql("UPDATE notification_notifications SET read_at = :at WHERE recipient_id = :recipient AND read_at IS NULL")
                .param("at", Timestamp.from(at)).param("recipient", recipient.value()).update();
    }

    /** Deletes the recipient's oldest read notifications until at most {@code max} are left (or none read are). */
    int prune(UserId recipient, int max) {
        return jdbc.sql("""
                DELETE FROM notification_notifications WHERE id IN (
                  SELECT id FROM notification_notifications WHERE recipient_id = :recipient AND read_at IS NOT NULL
                  ORDER BY seq LIMIT greatest(0, (SELECT count(*) FROM notification_notifications WHERE recipient_id = :recipient) - :max))
                """).param("recipient", recipient.value()).param("max", max).update();
    }

    int deleteForProject(ProjectId project) {
        return jdbc.sql("DELETE FROM notification_notifications WHERE project_id = :project").param("project", project.value()).update();
    }

    int deleteForMember(ProjectId project, UserId member) {
        return jdbc.sql("DELETE FROM notification_notifications WHERE project_id = :project AND recipient_id = :member")
                .param("project", project.value()).param("member", member.value()).update();
    }

    private static Notification map(ResultSet row, int index) throws SQLException {
        OffsetDateTime readAt = row.getObject("read_at", OffsetDateTime.class);
        return new Notification(new NotificationId(row.getObject("id", UUID.class)), new UserId(row.getObject("recipient_id", UUID.class)),
                new ProjectId(row.getObject("project_id", UUID.class)), NotificationKind.of(row.getString("kind")), row.getString("title"),
                row.getString("body"), row.getString("link"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
