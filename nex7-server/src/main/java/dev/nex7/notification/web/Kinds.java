package dev.nex7.notification.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.nex7.notification.NotificationKind;

/** Reads notification kinds as requests name them, so that an unknown one is a field error, not a malformed body. */
final class Kinds {

    /** The ids, for error messages. */
    static final String ALL = Arrays.stream(NotificationKind.values()).map(NotificationKind::id).collect(Collectors.joining(", "));

    private Kinds() {
    }

    /** The kind with this id, or {@code null}. */
    static NotificationKind parse(String id) {
        if (id == null) {
            return null;
        }
        try {
            return NotificationKind.of(id);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
