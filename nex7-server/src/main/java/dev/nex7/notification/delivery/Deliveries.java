package dev.nex7.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/** The deliveries table: the outbox of emails and webhook calls, and their recent history. */
@Repository
public class Deliveries {

    private static final int MAX_ERROR = 500;
    private static final String COLUMNS = "id, channel, project_id, recipient_id, kind, payload, status, attempts, next_attempt_at, "
            + "last_status, last_error, created_at, finished_at";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Owes a delivery, due at {@code now}; false when one for the same event is owed or done already. */
    boolean insert(NewDelivery delivery, Instant now) {
        return jdbc.sql("INSERT INTO notification_deliveries (id, channel, project_id, recipient_id, kind, event_key, payload, status, "
                        + "attempts, next_attempt_at, created_at) VALUES (:id, :channel, :project, :recipient, :kind, :eventKey, :payload, "
                        + "'pending', 0, :now, :now) ON CONFLICT DO NOTHING")
                .param("id", delivery.id()).param("channel", delivery.channel().id()).param("project", delivery.projectId().value())
                .param("recipient", delivery.recipient() == null ? null : delivery.recipient().value()).param("kind", delivery.kind())
                .param("eventKey", delivery.eventKey()).param("payload", delivery.payload()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** Stores a delivery made at once, outside the outbox (a webhook test), with how it went. */
    public void insertDone(NewDelivery delivery, Attempt attempt, Instant at) {
        jdbc.sql("INSERT INTO notification_deliveries (id, channel, project_id, recipient_id, kind, event_key, payload, status, attempts, "
                        + "next_attempt_at, last_status, last_error, created_at, finished_at) VALUES (:id, :channel, :project, :recipient, "
                        + ":kind, :eventKey, :payload, :status, 1, :at, :lastStatus, :lastError, :at, :at)")
                .param("id", delivery.id()).param("channel", delivery.channel().id()).param("project", delivery.projectId().value())
                .param("recipient", delivery.recipient() == null ? null : delivery.recipient().value()).param("kind", delivery.kind())
                .param("eventKey", delivery.eventKey()).param("payload", delivery.payload())
                .param("status", (attempt.result() == Attempt.Result.DELIVERED ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED).id())
                .param("lastStatus", attempt.status()).param("lastError", truncate(attempt.error())).param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries: counts the attempt and moves each one's due time to
     * {@code leaseUntil}, so that no one else takes it while it is tried, and so that it is due again
     * should this attempt never report back.
     */
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE notification_deliveries SET attempts = attempts + 1, next_attempt_at = :leaseUntil
                WHERE id IN (SELECT id FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= :now
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .param("leaseUntil", Timestamp.from(leaseUntil)).param("now", Timestamp.from(now)).param("limit", limit)
                .query(Deliveries::map).list();
    }

    /**
     * Records how a claimed attempt went, unless the delivery was claimed again since (its lease ran
     * out): then the later attempt reports.
     *
     * @param nextAttemptAt when to try again, for a delivery still pending
     */
    void record(Delivery claimed, DeliveryStatus status, Attempt attempt, String error, Instant nextAttemptAt, Instant now) {
        jdbc.sql("UPDATE notification_deliveries SET status = :status, next_attempt_at = :next, last_status = :lastStatus, "
                        + "last_error = :lastError, finished_at = :finished WHERE id = :id AND attempts = :attempts AND status = 'pending'")
                .param("status", status.id()).param("next", Timestamp.from(nextAttemptAt)).param("lastStatus", attempt.status())
                .param("lastError", truncate(error)).param("finished", status == DeliveryStatus.PENDING ? null : Timestamp.from(now))
                .param("id", claimed.id()).param("attempts", claimed.attempts()).update();
    }

    /** The project's most recent deliveries on a channel, newest first. */
    public List<Delivery> recent(ProjectId project, Channel channel, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification_deliveries WHERE project_id = :project AND channel = :channel "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("project", project.value()).param("channel", channel.id()).param("limit", limit).query(Deliveries::map).list();
    }

    public int deleteForProject(ProjectId project, Channel channel) {
        return jdbc.sql("DELETE FROM notification_deliveries WHERE project_id = :project AND channel = :channel")
                .param("project", project.value()).param("channel", channel.id()).update();
    }

    int deleteForProject(ProjectId project) {
        return jdbc.sql("DELETE FROM notification_deliveries WHERE project_id = :project").param("project", project.value()).update();
    }

    /** Emails still owed to someone who left the project. */
    int deletePendingFor(ProjectId project, UserId recipient) {
        return jdbc.sql("DELETE FROM notification_deliveries WHERE project_id = :project AND recipient_id = :recipient AND status = 'pending'")
                .param("project", project.value()).param("recipient", recipient.value()).update();
    }

    /** Forgets finished deliveries older than {@code cutoff}. */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM notification_deliveries WHERE finished_at < :cutoff").param("cutoff", Timestamp.from(cutoff)).update();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    private static Delivery map(ResultSet row, int index) throws SQLException {
        UUID recipient = row.getObject("recipient_id", UUID.class);
        OffsetDateTime finished = row.getObject("finished_at", OffsetDateTime.class);
        return new Delivery(row.getObject("id", UUID.class), Channel.of(row.getString("channel")),
                new ProjectId(row.getObject("project_id", UUID.class)), recipient == null ? null : new UserId(recipient), row.getString("kind"),
                row.getString("payload"), DeliveryStatus.of(row.getString("status")), row.getInt("attempts"),
                row.getObject("next_attempt_at", OffsetDateTime.class).toInstant(), (Integer) row.getObject("last_status"),
                row.getString("last_error"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
