package dev.nex7.project;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/** What kind of software a project builds. */
public enum ProjectType {
    WEB, MOBILE, API, DESKTOP;

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    @JsonCreator
    public static ProjectType of(String id) {
        return LowerCaseIds.parse(ProjectType.class, id);
    }
}
