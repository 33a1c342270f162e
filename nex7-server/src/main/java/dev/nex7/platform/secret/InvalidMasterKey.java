package dev.nex7.platform.secret;

/**
 * A configured master key, or the key file, is unusable; NEX7 refuses to start. The message says
 * what is expected and never repeats the value.
 */
public class InvalidMasterKey extends IllegalStateException {

    InvalidMasterKey(String message) {
        super(message);
    }

    InvalidMasterKey(String message, Throwable cause) {
        super(message, cause);
    }
}
