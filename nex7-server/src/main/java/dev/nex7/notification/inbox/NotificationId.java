package dev.nex7.notification.inbox;

import java.util.Objects;
import java.util.UUID;

/** Identifies one in-app notification of one person. */
public record NotificationId(UUID value) {

    public NotificationId {
        Objects.requireNonNull(value, "value");
    }

    public static NotificationId random() {
        return new NotificationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
