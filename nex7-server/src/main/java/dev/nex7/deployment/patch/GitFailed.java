package dev.nex7.deployment.patch;

/** A git operation (clone, diff, commit, push) failed; the message says which and why. */
public class GitFailed extends RuntimeException {

    public GitFailed(String message, Throwable cause) {
        super(message, cause);
    }

    public GitFailed(String message) {
        super(message);
    }
}
