package dev.nex7.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * What a notification is about. The API names each by its lower-case id ({@code deployment_failed});
 * the defaults say which channels a person gets it on until they choose otherwise: in the app always,
 * by email only when something is broken and stays broken.
 */
public enum NotificationKind {

    DEPLOYMENT_FAILED("Deployment failed", true),
    FIX_PROPOSED("Fix proposed", false),
    FIX_MERGED("Fix merged", false),
    RECOVERY_FAILED("Recovery failed", true),
    ROLLED_BACK("Rolled back", true);

    private final String title;
    private final boolean emailByDefault;

    NotificationKind(String title, boolean emailByDefault) {
        this.title = title;
        this.emailByDefault = emailByDefault;
    }

    @JsonValue
    public String id() {
        return LowerCaseIds.id(this);
    }

    /** A short label for people. */
    public String title() {
        return title;
    }

    public boolean inAppByDefault() {
        return true;
    }

    public boolean emailByDefault() {
        return emailByDefault;
    }

    /** The kind with this id; {@link IllegalArgumentException} for any other text. */
    @JsonCreator
    public static NotificationKind of(String id) {
        return LowerCaseIds.parse(NotificationKind.class, id);
    }
}
