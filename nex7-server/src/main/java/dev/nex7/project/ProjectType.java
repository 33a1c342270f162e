package dev.nex7.project;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of software a project builds. */
public enum ProjectType {
    WEB, MOBILE, API, DESKTOP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectType of(String id) {
        for (ProjectType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown project type " + id);
    }
}
