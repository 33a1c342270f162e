package dev.nex7.notification.delivery;

import java.util.UUID;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * A delivery to owe.
 *
 * @param id chosen by the caller, since a webhook's body names its delivery
 * @param eventKey with channel, project and recipient, what makes the delivery unique: a second one
 *        for the same event is not added
 */
public record NewDelivery(UUID id, Channel channel, ProjectId projectId, UserId recipient, String kind, String eventKey,
        String payload) {
}
