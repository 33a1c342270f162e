package dev.nex7.notification.delivery;

/** Sends deliveries of one {@link Channel}; the {@link Outbox} decides about retries. */
public interface DeliveryChannel {

    Channel channel();

    /** How many attempts a delivery gets before it is given up. */
    int maxAttempts();

    /** Tries once; never throws for a failure of the other side, which is an {@link Attempt} too. */
    Attempt attempt(Delivery delivery);
}
