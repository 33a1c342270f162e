package dev.nex7.plugin.node;

/**
 * Tells a running node that its execution was cancelled or its timeout passed. Blocking calls on the
 * node's thread are also interrupted; long loops should check {@link #isCancelled()}.
 */
public interface Cancellation {
    boolean isCancelled();

    /** Throws a non-retryable {@link NodeFailure} with code {@code cancelled} when cancelled. */
    default void throwIfCancelled() throws NodeFailure {
        if (isCancelled()) {
            throw NodeFailure.permanent("cancelled", "The node run was cancelled");
        }
    }
}
