package dev.nex7.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** Where a project stands. */
public enum ProjectStatus {
    ACTIVE, ARCHIVED, DRAFT;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static ProjectStatus of(String id) {
        return LowerCaseIds.parse(ProjectStatus.class, id);
    }
}
