package dev.nex7.identity;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Platform roles. {@code admin} includes everything {@code user} may do. */
public enum Role {
    USER, ADMIN;

    /** Whether holding this role grants {@code other} as well (role inheritance). */
    public boolean includes(Role other) {
        return this.ordinal() >= other.ordinal();
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + id);
    }
}
