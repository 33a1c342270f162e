package dev.nex7.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the tool failed the build over a finding ({@code error}) or only warned about it. */
public enum Severity {
    ERROR, WARNING;

    @JsonValue
    public String id() {
        return KebabIds.id(this);
    }

    @JsonCreator
    public static Severity of(String id) {
        return KebabIds.parse(Severity.class, id);
    }
}
