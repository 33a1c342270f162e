package dev.nex7.notification.preference;

import dev.nex7.notification.NotificationKind;

/** Whether a person gets one kind of notification in the app and by email. */
public record Preference(NotificationKind kind, boolean inApp, boolean email) {

    /** What a person gets until they choose: see {@link NotificationKind}. */
    public static Preference defaultFor(NotificationKind kind) {
        return new Preference(kind, kind.inAppByDefault(), kind.emailByDefault());
    }
}
