package dev.nex7.deployment.patch;

/**
 * A patch NEX7 will not apply, and why: {@code path-escape} (absolute, or {@code ..} out of the
 * checkout, or through a symlink that leads out), {@code git-dir} (inside {@code .git}),
 * {@code symlink} (creates one), {@code not-allowed-file} (a file the findings do not name),
 * {@code binary}, {@code too-large}, {@code malformed}, {@code hunk-mismatch} (it does not fit the files).
 */
public class PatchRejected extends RuntimeException {

    private final String reason;

    public PatchRejected(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
