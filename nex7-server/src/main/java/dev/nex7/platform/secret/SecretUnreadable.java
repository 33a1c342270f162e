package dev.nex7.platform.secret;

/**
 * A sealed secret could not be opened: its master key is not configured, or it does not
 * authenticate (tampered with, or opened for another record). The message names the key id and
 * the record, never any content.
 */
public class SecretUnreadable extends IllegalStateException {

    SecretUnreadable(String message) {
        super(message);
    }
}
