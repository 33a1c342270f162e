package dev.nex7.integration;

import java.io.IOException;
import java.util.Optional;

/**
 * A connection made through {@link OutboundSockets} was refused because its host is, or resolves to,
 * an address NEX7 must not reach (this machine, a private network, a metadata service, ...) and no
 * administrator opened it. Client libraries pass it on as the cause of their own connection error;
 * the message names the host and the reason, never anything else about the connection.
 */
public class OutboundAddressBlocked extends IOException {

    public OutboundAddressBlocked(String message) {
        super(message);
    }

    /** The first {@code OutboundAddressBlocked} in {@code failure}'s chain of causes, if any. */
    public static Optional<OutboundAddressBlocked> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundAddressBlocked blocked) {
                return Optional.of(blocked);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
