package dev.nex7.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of a NEX7 account; other modules hold users by this id only. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
