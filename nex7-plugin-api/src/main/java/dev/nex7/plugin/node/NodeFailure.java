package dev.nex7.plugin.node;

/**
 * A node failed in a way it understands. The engine retries it (within the node's retry policy)
 * only when it is {@linkplain #retryable() retryable}. The message is shown to users and stored with
 * the execution: it must not contain secrets.
 */
public class NodeFailure extends Exception {

    private final String code;
    private final boolean retryable;

    public NodeFailure(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public NodeFailure(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    /** A failure that might not happen again (a timeout, a 503, a dropped connection). */
    public static NodeFailure retryable(String code, String message) {
        return new NodeFailure(code, message, true);
    }

    /** A failure that will happen again with the same input (bad parameters, a 404, a script error). */
    public static NodeFailure permanent(String code, String message) {
        return new NodeFailure(code, message, false);
    }

    /** A short, stable, machine-readable reason ({@code http-status}, {@code timeout}, {@code script-error}). */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
