package dev.nex7.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * One email or webhook call, owed or done.
 *
 * @param recipient the person an email goes to; {@code null} for a webhook call
 * @param kind a notification kind's id, or {@code test} for a webhook test
 * @param payload what is sent (see the channel)
 * @param attempts how many attempts were started, the one under way included
 * @param lastStatus the HTTP status or SMTP reply code of the last attempt, when there was one
 * @param lastError why the last attempt failed, in words without secrets
 */
public record Delivery(UUID id, Channel channel, ProjectId projectId, UserId recipient, String kind, String payload,
        DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt,
        Instant finishedAt) {

    @Override
    public String toString() {
        // Never the payload: it holds an email address or the body a webhook is signed over.
        return "Delivery[" + id + ", " + channel.id() + ", project " + projectId + ", " + status.id() + ", attempts " + attempts + "]";
    }
}
