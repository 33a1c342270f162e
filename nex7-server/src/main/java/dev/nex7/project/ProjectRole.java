package dev.nex7.project;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in a project: {@code owner} ⊇ {@code editor} ⊇ {@code viewer}. */
public enum ProjectRole {
    VIEWER, EDITOR, OWNER;

    /** Whether this role grants everything {@code other} grants. */
    public boolean includes(ProjectRole other) {
        return ordinal() >= other.ordinal();
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectRole of(String id) {
        for (ProjectRole role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown project role " + id);
    }
}
