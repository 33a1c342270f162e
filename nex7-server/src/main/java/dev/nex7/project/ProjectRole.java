package dev.nex7.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** A member's role in a project: {@code owner} ⊇ {@code editor} ⊇ {@code viewer}. */
public enum ProjectRole {
    VIEWER, EDITOR, OWNER;

    /** Whether this role grants everything {@code other} grants. */
    public boolean includes(ProjectRole other) {
        return ordinal() >= other.ordinal();
    }

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static ProjectRole of(String id) {
        return LowerCaseIds.parse(ProjectRole.class, id);
    }
}
