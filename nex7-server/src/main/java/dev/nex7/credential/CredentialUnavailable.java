package dev.nex7.credential;

import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/**
 * A credential cannot be used: it is not in the project, it is of a kind the caller does not
 * accept, or its secrets cannot be decrypted with the configured master keys. The message names
 * the credential and kinds, never a field value.
 */
public class CredentialUnavailable extends ApiProblem {

    /** Why the credential cannot be used. */
    public enum Reason {
        /** No credential with this id belongs to the project. */
        NOT_FOUND,
        /** The credential's kind is not among the accepted ones. */
        WRONG_KIND,
        /** Its secrets do not decrypt: the master key that sealed them is not configured, or the row was altered. */
        UNREADABLE
    }

    private final Reason reason;

    private CredentialUnavailable(Reason reason, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "credential-unavailable", "Credential unavailable", detail);
        this.reason = reason;
    }

    static CredentialUnavailable notFound(CredentialId id) {
        return new CredentialUnavailable(Reason.NOT_FOUND, "Credential " + id + " does not exist in this project.");
    }

    static CredentialUnavailable wrongKind(CredentialId id, String kind, Collection<String> accepted) {
        return new CredentialUnavailable(Reason.WRONG_KIND, "Credential " + id + " is a " + kind
                + " credential; this needs one of: " + accepted.stream().sorted().collect(Collectors.joining(", ")) + ".");
    }

    static CredentialUnavailable unreadable(CredentialId id) {
        return new CredentialUnavailable(Reason.UNREADABLE, "The secrets of credential " + id + " cannot be decrypted"
                + " with the configured master keys; enter its secret fields again.");
    }

    public Reason reason() {
        return reason;
    }
}
