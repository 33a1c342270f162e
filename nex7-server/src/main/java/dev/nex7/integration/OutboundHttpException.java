package dev.nex7.integration;

import java.io.IOException;
import java.util.Objects;

/**
 * An outbound HTTP call did not produce a response. The {@link #code()} says why in a stable word;
 * the message names at most the host and port, never the path, query, headers or body, which may
 * carry secrets.
 *
 * <p>Codes: {@code invalid-url}, {@code invalid-request}, {@code blocked-address},
 * {@code too-many-redirects}, {@code response-too-large}, {@code tls-failed} and {@code cancelled}
 * will happen again with the same request; {@code timeout}, {@code connect-failed} and
 * {@code network-error} may not, so they are {@linkplain #retryable() retryable}.
 */
public class OutboundHttpException extends IOException {

    /** The URL is not an absolute http(s) URL with a valid host, or it carries user information. */
    public static final String INVALID_URL = "invalid-url";
    /** The method or a header is not valid HTTP. */
    public static final String INVALID_REQUEST = "invalid-request";
    /** The host is, or resolves to, an address outbound HTTP must not reach. */
    public static final String BLOCKED_ADDRESS = "blocked-address";
    /** The request's time ran out (connecting, waiting or reading). */
    public static final String TIMEOUT = "timeout";
    /** The host did not resolve or did not accept the connection. */
    public static final String CONNECT_FAILED = "connect-failed";
    /** The connection broke after it was made. */
    public static final String NETWORK_ERROR = "network-error";
    /** The TLS handshake failed: an untrusted or mismatched certificate, or no common protocol. */
    public static final String TLS_FAILED = "tls-failed";
    /** More redirects than the request allows. */
    public static final String TOO_MANY_REDIRECTS = "too-many-redirects";
    /** The response body is larger than the request allows. */
    public static final String RESPONSE_TOO_LARGE = "response-too-large";
    /** The calling thread was interrupted. */
    public static final String CANCELLED = "cancelled";

    private final String code;
    private final boolean retryable;

    public OutboundHttpException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public OutboundHttpException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    /** A short, stable reason such as {@code blocked-address} or {@code timeout}. */
    public String code() {
        return code;
    }

    /** Whether the same request might succeed when tried again. */
    public boolean retryable() {
        return retryable;
    }
}
