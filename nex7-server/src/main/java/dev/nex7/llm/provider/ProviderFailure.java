package dev.nex7.llm.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider call that did not produce a complete answer. The {@link Kind} decides what the gateway
 * does: retry (before the first token only), fall back to the next provider, or give up. The message
 * is fit for users and logs: it never holds a key, a prompt or a completion.
 */
public final class ProviderFailure extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** 529 or {@code overloaded_error}: retried, counted by the circuit breaker. */
        OVERLOADED(true),
        /** 429: retried after {@code retry-after}, counted by the circuit breaker. */
        RATE_LIMITED(true),
        /** 5xx, 409, or an error event from the server: retried, counted. */
        SERVER_ERROR(true),
        /** 408, or no answer within the timeout: retried, counted. */
        TIMEOUT(true),
        /** The connection failed or broke, or the stream ended early: retried, counted. */
        NETWORK(true),
        /** 401 or 403: the key is wrong; the next provider is tried, nothing is retried or counted. */
        UNAUTHORIZED(false),
        /** The address is blocked, invalid or its TLS failed: the next provider is tried. */
        UNREACHABLE(false),
        /** The answer could not be understood: the next provider is tried. */
        PROTOCOL(false),
        /** Any other 4xx: the request itself is wrong, so no other provider is tried. */
        BAD_REQUEST(false),
        /** The calling thread was interrupted. */
        CANCELLED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final ProviderReply partial;

    public ProviderFailure(Kind kind, int status, Duration retryAfter, String message, ProviderReply partial) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.retryAfter = retryAfter;
        this.partial = partial;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }

    /** How long the provider asked to wait ({@code retry-after}), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** What was received before the failure (possibly nothing), with the usage known or estimated. */
    public ProviderReply partial() {
        return partial;
    }

    /** This failure with {@code partial} as what was received. */
    ProviderFailure withPartial(ProviderReply received) {
        return new ProviderFailure(kind, status, retryAfter, getMessage(), received);
    }
}
