package dev.nex7.notification.delivery;

import dev.nex7.platform.LowerCaseIds;

/** How a delivery leaves NEX7. */
public enum Channel {
    EMAIL, WEBHOOK;

    public String id() {
        return LowerCaseIds.id(this);
    }

    public static Channel of(String id) {
        return LowerCaseIds.parse(Channel.class, id);
    }
}
