package dev.nex7.deployment.sandbox;

import java.util.concurrent.CompletableFuture;

/**
 * Cancels a sandboxed command from another thread: a command waiting for its turn never starts,
 * a running one has its whole process tree killed and ends {@link BuildOutcome#CANCELED}.
 * Cancelling is final and may be done before the command starts.
 */
public final class BuildCancellation {

    private final CompletableFuture<Void> canceled = new CompletableFuture<>();

    public void cancel() {
        canceled.complete(null);
    }

    public boolean isCanceled() {
        return canceled.isDone();
    }

    /** Completes when cancelled; the sandbox waits on it next to the process. */
    CompletableFuture<Void> signal() {
        return canceled;
    }
}
