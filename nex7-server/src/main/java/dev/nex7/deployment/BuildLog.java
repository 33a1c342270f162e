package dev.nex7.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A log as analyzers read it: split into lines (LF, CRLF or lone CR), with ANSI escape codes and
 * the prefixes CI systems add (Vercel's {@code [12:01:02.345]}, GitHub Actions' timestamps,
 * Docker BuildKit's step numbers) removed, so that every analyzer matches the tool's own text.
 * Line {@code i} here is line {@code i + 1} of the text given. Lines longer than
 * {@value #MAX_LINE_LENGTH} characters (minified bundles echoed into a log) are cut, which keeps
 * every analyzer linear in the size of the log.
 *
 * <p>{@link #path(String)} turns a path as a tool printed it into a path relative to the project.
 */
public final class BuildLog {

    /** Longest line an analyzer sees; the rest of a longer line is dropped. */
    public static final int MAX_LINE_LENGTH = 2_000;

    private final List<String> lines;
    private final long bytes;
    private final ProjectPaths paths;

    private BuildLog(List<String> lines, long bytes, Collection<String> projectRoots) {
        this.lines = Collections.unmodifiableList(lines);
        this.bytes = bytes;
        this.paths = new ProjectPaths(this.lines, projectRoots);
    }

    /** The log, cleaned; absolute paths are made relative by the usual CI roots and what the log itself shows. */
    public static BuildLog of(String text) {
        return of(text, List.of());
    }

    /**
     * The log, cleaned, for a project known to live at one of {@code projectRoots} (absolute
     * directories, such as the worktree a local build ran in): paths under them are made relative
     * to them first.
     */
    public static BuildLog of(String text, Collection<String> projectRoots) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (end > start || end < length) {
                lines.add(LogText.clean(text, start, end));
            }
            start = end + 1;
        }
        return new BuildLog(lines, utf8Length(text), projectRoots);
    }

    /** Number of lines. */
    public int size() {
        return lines.size();
    }

    /** The cleaned line at the 0-based {@code index}. */
    public String line(int index) {
        return lines.get(index);
    }

    /** The cleaned lines. */
    public List<String> lines() {
        return lines;
    }

    /** Size of the analysed text in UTF-8 bytes. */
    public long bytes() {
        return bytes;
    }

    /**
     * {@code reported} relative to the project root with {@code /} separators: {@code ./}, a
     * {@code file://} scheme and known CI workspace roots ({@code /vercel/path0/},
     * {@code /home/runner/work/repo/repo/}, {@code D:\a\repo\repo\}, …) are removed, then roots
     * the log itself reveals (a webpack description file's directory, the directory of a crashed
     * script), then everything before the first conventional source folder ({@code src/},
     * {@code app/}, {@code lib/}, …). A path none of these apply to is returned as it was, with
     * {@code /} separators; {@code null} stays {@code null}.
     */
    public String path(String reported) {
        return paths.relative(reported);
    }

    static long utf8Length(String text) {
        long count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                count++;
            } else if (c < 0x800) {
                count += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                count += 4;
                i++;
            } else {
                count += 3;
            }
        }
        return count;
    }
}
