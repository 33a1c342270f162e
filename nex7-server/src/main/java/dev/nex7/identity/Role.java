package dev.nex7.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** Platform roles. {@code admin} includes everything {@code user} may do. */
public enum Role {
    USER, ADMIN;

    /** Whether holding this role grants {@code other} as well (role inheritance). */
    public boolean includes(Role other) {
        return this.ordinal() >= other.ordinal();
    }

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static Role of(String id) {
        return LowerCaseIds.parse(Role.class, id);
    }
}
