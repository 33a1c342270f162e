package dev.nex7.credential;

import java.util.Objects;
import java.util.UUID;

/** The id of a credential. */
public record CredentialId(UUID value) {

    public CredentialId {
        Objects.requireNonNull(value, "value");
    }

    public static CredentialId random() {
        return new CredentialId(UUID.randomUUID());
    }

    /**
     * The id a UUID string names.
     *
     * @throws IllegalArgumentException when {@code text} is not a UUID
     */
    public static CredentialId parse(String text) {
        try {
            return new CredentialId(UUID.fromString(Objects.requireNonNull(text, "text").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A credential id is a UUID", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
