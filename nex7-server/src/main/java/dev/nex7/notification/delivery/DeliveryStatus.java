package dev.nex7.notification.delivery;

import dev.nex7.platform.LowerCaseIds;

/** Where a delivery stands: owed ({@code pending}), done, or given up. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    public String id() {
        return LowerCaseIds.id(this);
    }

    public static DeliveryStatus of(String id) {
        return LowerCaseIds.parse(DeliveryStatus.class, id);
    }
}
