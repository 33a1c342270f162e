package dev.nex7.deployment.patch;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.nex7.deployment.patch.PatchRejected.Reason;

/**
 * A unified diff, and the guard that applies one to a checkout. Fixes from rules and from models
 * arrive as diffs; before one touches a file it passes every check, for every file:
 * <ul>
 * <li>its paths are inside the checkout, out of {@code .git}, and not through symbolic links
 * ({@link Worktree});</li>
 * <li>its files are among the allowed ones (a model's patch is constrained to the files the
 * findings name);</li>
 * <li>it is text: binary patches are refused, as are text patches to files that are not UTF-8;</li>
 * <li>it makes no symbolic link (mode {@code 120000}) and no submodule (mode {@code 160000});
 * other mode changes, such as making a file executable, are ignored: the content is applied, the
 * mode is left as it is, since a fix has no business changing what may be executed;</li>
 * <li>every hunk matches (see {@link Hunks}: exact lines, a line offset allowed), a new file does
 * not exist yet, a changed or deleted one does, and a deleted one is deleted whole.</li>
 * </ul>
 * Only then are the files written, all of them; if writing fails midway (a full disk), what was
 * written is put back. A diff is at most {@value #MAX_DIFF_CHARS} characters and {@value #MAX_FILES} files.
 */
public final class UnifiedDiff {

    public static final int MAX_DIFF_CHARS = 4 * 1024 * 1024;
    public static final int MAX_FILES = 200;
    private static final String EXECUTABLE = "100755";
    private static final String REGULAR = "100644";

    private final List<FilePatch> files;

    private UnifiedDiff(List<FilePatch> files) {
        this.files = files;
    }

    /**
     * Reads a diff.
     *
     * @throws PatchRejected {@code malformed} when the text holds no file patch or a hunk is
     *         inconsistent, {@code too-large} beyond the limits
     */
    public static UnifiedDiff parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PatchRejected(Reason.MALFORMED, null, "The diff is empty");
        }
        if (text.length() > MAX_DIFF_CHARS) {
            throw new PatchRejected(Reason.TOO_LARGE, null, "The diff is longer than " + MAX_DIFF_CHARS + " characters");
        }
        List<FilePatch> files = DiffParser.parse(text);
        if (files.size() > MAX_FILES) {
            throw new PatchRejected(Reason.TOO_LARGE, null, "The diff changes more than " + MAX_FILES + " files");
        }
        return new UnifiedDiff(files);
    }

    public List<FilePatch> files() {
        return files;
    }

    /**
     * Applies {@code patch} to {@code worktree}, all or nothing.
     *
     * @param allowedFiles the only files the patch may touch (paths from the checkout's root);
     *        {@code null} allows any file inside the checkout
     * @return the files changed, created or deleted, in the diff's order
     * @throws PatchRejected with the reason, before anything was written
     */
    public static List<String> apply(Worktree worktree, UnifiedDiff patch, Set<String> allowedFiles) {
        Set<String> allowed = allowedFiles == null ? null : normalized(allowedFiles);
        // The content every touched file will have; empty for a file the patch deletes.
        Map<String, Optional<String>> results = new LinkedHashMap<>();
        for (FilePatch file : patch.files()) {
            String from = file.oldPath() == null ? null : check(worktree, file.oldPath(), allowed);
            String to = file.newPath() == null ? null : check(worktree, file.newPath(), allowed);
            checkKind(file);
            Optional<String> before = from == null ? Optional.empty() : current(worktree, results, from);
            if (from != null && before.isEmpty()) {
                throw new PatchRejected(Reason.HUNK_MISMATCH, file.oldPath(), file.oldPath() + " does not exist");
            }
            if (to != null && !to.equals(from) && current(worktree, results, to).isPresent()) {
                throw new PatchRejected(Reason.HUNK_MISMATCH, file.newPath(), file.newPath() + " already exists");
            }
            String after = Hunks.apply(file.path(), before.orElse(""), file.hunks());
            if (to == null) {
                if (!after.isEmpty()) {
                    throw new PatchRejected(Reason.HUNK_MISMATCH, file.oldPath(),
                            "The patch deletes " + file.oldPath() + " but does not remove all of its lines");
                }
                results.put(from, Optional.empty());
            } else {
                if (from != null && !from.equals(to) && !file.copy()) {
                    results.put(from, Optional.empty());
                }
                results.put(to, Optional.of(after));
            }
        }
        write(worktree, results);
        return List.copyOf(results.keySet());
    }

    private static String check(Worktree worktree, String path, Set<String> allowed) {
        String normalized = Worktree.normalize(path);
        if (allowed != null && !allowed.contains(normalized)) {
            throw new PatchRejected(Reason.NOT_ALLOWED_FILE, path, path + " is not among the files this fix may change");
        }
        worktree.writable(normalized);
        return normalized;
    }

    private static void checkKind(FilePatch file) {
        if (isLink(file.newMode()) || isLink(file.oldMode())) {
            throw new PatchRejected(Reason.SYMLINK, file.path(), "The patch makes or changes a symbolic link: " + file.path());
        }
        if (isSubmodule(file.newMode()) || isSubmodule(file.oldMode())) {
            throw new PatchRejected(Reason.GIT_DIR, file.path(), "The patch changes a submodule: " + file.path());
        }
        if (file.newMode() != null && !file.newMode().equals(REGULAR) && !file.newMode().equals(EXECUTABLE)) {
            throw new PatchRejected(Reason.MALFORMED, file.path(), "Unknown file mode " + file.newMode() + " for " + file.path());
        }
        if (file.binary()) {
            throw new PatchRejected(Reason.BINARY, file.path(), "The patch changes the binary file " + file.path());
        }
    }

    private static boolean isLink(String mode) {
        return "120000".equals(mode);
    }

    private static boolean isSubmodule(String mode) {
        return "160000".equals(mode);
    }

    /** The file's content as the patch has it so far: a file may appear twice in one diff. */
    private static Optional<String> current(Worktree worktree, Map<String, Optional<String>> results, String path) {
        return results.containsKey(path) ? results.get(path) : worktree.readIfPresent(path);
    }

    private static void write(Worktree worktree, Map<String, Optional<String>> results) {
        Map<String, Optional<String>> originals = new LinkedHashMap<>();
        for (String path : results.keySet()) {
            originals.put(path, worktree.readIfPresent(path));
        }
        List<String> done = new ArrayList<>();
        try {
            for (Map.Entry<String, Optional<String>> result : results.entrySet()) {
                done.add(result.getKey());
                if (result.getValue().isPresent()) {
                    worktree.write(result.getKey(), result.getValue().get());
                } else {
                    worktree.delete(result.getKey());
                }
            }
        } catch (UncheckedIOException e) {
            for (String path : done) {
                restore(worktree, path, originals.get(path), e);
            }
            throw e;
        }
    }

    private static void restore(Worktree worktree, String path, Optional<String> original, UncheckedIOException failure) {
        try {
            if (original.isPresent()) {
                worktree.write(path, original.get());
            } else {
                worktree.delete(path);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Set<String> normalized(Set<String> paths) {
        Set<String> normalized = new HashSet<>();
        for (String path : paths) {
            try {
                normalized.add(Worktree.normalize(path));
            } catch (PatchRejected e) {
                // A path that can never be written allows nothing.
            }
        }
        return normalized;
    }
}
