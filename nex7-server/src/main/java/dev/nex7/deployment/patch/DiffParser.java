package dev.nex7.deployment.patch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nex7.deployment.patch.PatchRejected.Reason;

/**
 * Reads unified diffs as {@code git diff}, {@code diff -u} and language models write them. Text
 * around the file patches (a model's explanation, a mail header) is skipped. Paths lose git's
 * {@code a/}/{@code b/} prefixes (in a git diff, whatever one-letter prefix it used); paths git
 * quoted ({@code "a/caf\303\251.ts"}) are unquoted; a {@code diff -u} timestamp after a tab is
 * dropped. An empty line inside a hunk counts as an empty context line, since editors and models
 * strip the single space git writes there. A hunk must have exactly the lines its header counts.
 */
final class DiffParser {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");
    private static final int MAX_LINES_PER_HUNK = 1_000_000;

    private final List<String> lines;
    private final List<FilePatch> files = new ArrayList<>();
    private int next;
    private Header header;

    private DiffParser(String text) {
        this.lines = List.of(text.split("\n", -1));
    }

    static List<FilePatch> parse(String text) {
        DiffParser parser = new DiffParser(text);
        parser.read();
        if (parser.files.isEmpty()) {
            throw new PatchRejected(Reason.MALFORMED, null, "The text holds no file patch (no diff --git or ---/+++ header)");
        }
        return List.copyOf(parser.files);
    }

    private void read() {
        while (next < lines.size()) {
            String line = lines.get(next);
            if (line.startsWith("diff --git ")) {
                finishFile();
                header = Header.git(line.substring("diff --git ".length()));
                next++;
            } else if (line.startsWith("--- ") && next + 1 < lines.size() && lines.get(next + 1).startsWith("+++ ")) {
                if (header == null || header.sawPaths || !header.hunks.isEmpty() || !header.inGitHeader) {
                    finishFile();
                    header = Header.plain();
                }
                header.paths(path(line.substring(4)), path(lines.get(next + 1).substring(4)));
                next += 2;
            } else if (line.startsWith("@@")) {
                if (header == null || !header.sawPaths && !header.git) {
                    throw new PatchRejected(Reason.MALFORMED, null, "A hunk comes before any file header: " + line);
                }
                header.inGitHeader = false;
                header.hunks.add(hunk(line));
            } else {
                if (header != null && header.inGitHeader && !header.extended(line)) {
                    header.inGitHeader = false;
                }
                next++;
            }
        }
        finishFile();
    }

    private void finishFile() {
        if (header != null) {
            header.finish().ifPresent(files::add);
            header = null;
        }
    }

    private Hunk hunk(String headerLine) {
        Matcher matcher = HUNK.matcher(headerLine);
        if (!matcher.matches()) {
            throw new PatchRejected(Reason.MALFORMED, header.path(), "Not a hunk header: " + headerLine);
        }
        int oldStart = Integer.parseInt(matcher.group(1));
        int oldCount = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
        int newStart = Integer.parseInt(matcher.group(3));
        int newCount = matcher.group(4) == null ? 1 : Integer.parseInt(matcher.group(4));
        if (oldCount > MAX_LINES_PER_HUNK || newCount > MAX_LINES_PER_HUNK) {
            throw new PatchRejected(Reason.TOO_LARGE, header.path(), "A hunk of more than " + MAX_LINES_PER_HUNK + " lines");
        }
        next++;
        List<Hunk.Line> body = new ArrayList<>();
        int oldSeen = 0;
        int newSeen = 0;
        while (oldSeen < oldCount || newSeen < newCount) {
            if (next >= lines.size()) {
                throw shortHunk(headerLine);
            }
            String line = lines.get(next);
            char kind = line.isEmpty() ? ' ' : line.charAt(0);
            if (kind == '\\' && !body.isEmpty()) {
                markNoNewline(body);
                next++;
                continue;
            }
            boolean counts = switch (kind) {
                case ' ' -> oldSeen++ < oldCount & newSeen++ < newCount;
                case '-' -> oldSeen++ < oldCount;
                case '+' -> newSeen++ < newCount;
                default -> throw shortHunk(headerLine);
            };
            if (!counts) {
                throw shortHunk(headerLine);
            }
            body.add(new Hunk.Line(kind, line.isEmpty() ? "" : line.substring(1), false));
            next++;
        }
        if (next < lines.size() && lines.get(next).startsWith("\\") && !body.isEmpty()) {
            markNoNewline(body);
            next++;
        }
        return new Hunk(oldStart, oldCount, newStart, newCount, body);
    }

    private PatchRejected shortHunk(String headerLine) {
        return new PatchRejected(Reason.MALFORMED, header.path(),
                "The hunk " + headerLine.strip() + " of " + header.path() + " does not have the lines its header counts");
    }

    private static void markNoNewline(List<Hunk.Line> body) {
        Hunk.Line last = body.removeLast();
        body.add(new Hunk.Line(last.kind(), last.text(), true));
    }

    /** A path of a {@code ---}/{@code +++} line: unquoted, without a timestamp, {@code null} for {@code /dev/null}. */
    private static String path(String field) {
        String path = field.startsWith("\"") ? unquote(field) : field.split("\t", 2)[0].stripTrailing();
        return path.equals("/dev/null") ? null : path;
    }

    /** Undoes git's C-style quoting of a path (the first quoted string of {@code text}). */
    static String unquote(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (c != '\\' || i + 1 >= text.length()) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char escaped = text.charAt(++i);
            if (escaped >= '0' && escaped <= '7' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i, i + 3), 8));
                i += 2;
            } else {
                bytes.write(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'a' -> 7;
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'v' -> 11;
                    default -> escaped;
                });
            }
        }
        throw new PatchRejected(Reason.MALFORMED, text, "An unterminated quoted path: " + text);
    }
}
