package dev.nex7.deployment.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.nex7.deployment.patch.PatchRejected.Reason;

/** What the parser learns about one file before and while it reads the file's hunks. */
final class Header {

    final boolean git;
    final List<Hunk> hunks = new ArrayList<>();
    boolean inGitHeader;
    boolean sawPaths;
    private String oldPath;
    private String newPath;
    private String oldMode;
    private String newMode;
    private boolean created;
    private boolean deleted;
    private boolean copy;
    private boolean binary;

    private Header(boolean git) {
        this.git = git;
        this.inGitHeader = git;
    }

    /** A file introduced by {@code diff --git a/x b/y}: the paths from there until better ones come. */
    static Header git(String paths) {
        Header header = new Header(true);
        String[] both = split(paths);
        header.oldPath = both[0];
        header.newPath = both[1];
        return header;
    }

    static Header plain() {
        return new Header(false);
    }

    void paths(String from, String to) {
        sawPaths = true;
        created = from == null;
        deleted = to == null;
        if (git) {
            oldPath = from == null ? null : stripPrefix(from);
            newPath = to == null ? null : stripPrefix(to);
        } else {
            boolean prefixed = (from == null || from.startsWith("a/")) && (to == null || to.startsWith("b/"))
                    && (from != null || to != null);
            oldPath = from == null ? null : prefixed ? from.substring(2) : from;
            newPath = to == null ? null : prefixed ? to.substring(2) : to;
        }
    }

    /** Reads one of git's extended header lines; {@code false} when the line is not one. */
    boolean extended(String line) {
        if (line.startsWith("new file mode ")) {
            created = true;
            newMode = line.substring("new file mode ".length()).strip();
        } else if (line.startsWith("deleted file mode ")) {
            deleted = true;
            oldMode = line.substring("deleted file mode ".length()).strip();
        } else if (line.startsWith("old mode ")) {
            oldMode = line.substring("old mode ".length()).strip();
        } else if (line.startsWith("new mode ")) {
            newMode = line.substring("new mode ".length()).strip();
        } else if (line.startsWith("rename from ") || line.startsWith("copy from ")) {
            copy = line.startsWith("copy");
            oldPath = quoted(line.substring(line.indexOf(" from ") + " from ".length()));
        } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
            newPath = quoted(line.substring(line.indexOf(" to ") + " to ".length()));
        } else if (line.startsWith("Binary files ") || line.equals("GIT binary patch")) {
            binary = true;
        } else {
            return line.startsWith("index ") || line.startsWith("similarity index ")
                    || line.startsWith("dissimilarity index ");
        }
        return true;
    }

    String path() {
        return newPath != null ? newPath : oldPath;
    }

    /** The file patch, or nothing for a plain {@code ---}/{@code +++} pair without a change. */
    Optional<FilePatch> finish() {
        if (!git && hunks.isEmpty() && !binary) {
            return Optional.empty();
        }
        if (oldPath == null && newPath == null) {
            throw new PatchRejected(Reason.MALFORMED, null, "A file patch names no file");
        }
        return Optional.of(new FilePatch(created ? null : oldPath, deleted ? null : newPath, oldMode, newMode, copy,
                binary, hunks));
    }

    /** Removes git's one-letter prefix ({@code a/}, {@code b/}, or {@code i/}, {@code w/}, … of diff.mnemonicPrefix). */
    private static String stripPrefix(String path) {
        return path.length() > 2 && path.charAt(1) == '/' ? path.substring(2) : path;
    }

    private static String quoted(String path) {
        return path.startsWith("\"") ? DiffParser.unquote(path) : path;
    }

    /** The two paths of {@code diff --git}: quoted ones, or the halves of {@code a/P b/P} (the header of an unchanged path). */
    private static String[] split(String paths) {
        if (paths.startsWith("\"")) {
            String first = DiffParser.unquote(paths);
            int end = closingQuote(paths);
            String rest = paths.substring(end + 1).strip();
            String second = rest.startsWith("\"") ? DiffParser.unquote(rest) : rest;
            return new String[] {stripPrefix(first), stripPrefix(second)};
        }
        int quote = paths.indexOf(" \"");
        if (quote > 0) {
            return new String[] {stripPrefix(paths.substring(0, quote)), stripPrefix(DiffParser.unquote(paths.substring(quote + 1)))};
        }
        int middle = paths.length() / 2;
        if (paths.length() % 2 == 1 && paths.charAt(middle) == ' ') {
            return new String[] {stripPrefix(paths.substring(0, middle)), stripPrefix(paths.substring(middle + 1))};
        }
        int space = paths.indexOf(' ');
        if (space < 0) {
            throw new PatchRejected(Reason.MALFORMED, paths, "A diff --git header without two paths: " + paths);
        }
        return new String[] {stripPrefix(paths.substring(0, space)), stripPrefix(paths.substring(space + 1))};
    }

    private static int closingQuote(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        throw new PatchRejected(Reason.MALFORMED, text, "An unterminated quoted path: " + text);
    }
}
