package dev.nex7.deployment.patch;

/**
 * A change to a checkout that was refused, and why. Nothing of a rejected patch is written.
 */
public class PatchRejected extends RuntimeException {

    /** Why a change was refused; {@link #code()} is the stable name recorded with a fix attempt. */
    public enum Reason {
        /** An absolute path, or one whose {@code ..} leads out of the checkout. */
        PATH_ESCAPE("path-escape"),
        /** A path inside {@code .git} (in any case or spelling git treats the same), or a submodule pointer. */
        GIT_DIR("git-dir"),
        /** A symbolic link on the way, a link to write through, or a new link. */
        SYMLINK("symlink"),
        /** A file outside the set the change was constrained to (the files the findings name). */
        NOT_ALLOWED_FILE("not-allowed-file"),
        /** A hunk whose lines are not in the file (a stale or invented diff), or a file that should (not) exist. */
        HUNK_MISMATCH("hunk-mismatch"),
        /** A binary patch, or a text patch to a file that is not UTF-8 text. */
        BINARY("binary"),
        /** A diff or a resulting file beyond the limits. */
        TOO_LARGE("too-large"),
        /** Not a unified diff, or one that contradicts itself (hunk lengths, headers). */
        MALFORMED("malformed");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final String path;

    public PatchRejected(Reason reason, String path, String message) {
        super(message);
        this.reason = reason;
        this.path = path;
    }

    public Reason reason() {
        return reason;
    }

    /** {@link Reason#code()}: {@code path-escape}, {@code hunk-mismatch}, … */
    public String code() {
        return reason.code();
    }

    /** The path the refusal is about, as the change named it; {@code null} when it is about the whole diff. */
    public String path() {
        return path;
    }
}
