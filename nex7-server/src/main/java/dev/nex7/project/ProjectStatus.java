package dev.nex7.project;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a project stands. */
public enum ProjectStatus {
    ACTIVE, ARCHIVED, DRAFT;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectStatus of(String id) {
        for (ProjectStatus status : values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown project status " + id);
    }
}
