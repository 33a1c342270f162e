package dev.nex7.deployment;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cleans one line of a log: line endings, carriage-return overwrites, ANSI codes, CI prefixes. */
final class LogText {

    /**
     * What CI systems put before each line: Vercel's {@code [12:01:02.345] }, an ISO timestamp
     * (GitHub Actions, GitLab, Cloud Build), a bare time ({@code 12:01:02.345 }, Vercel's log
     * export {@code 12:01:02.345 | }, Netlify's {@code 10:11:12 AM: }) and Docker BuildKit's
     * {@code #12 3.456 }. Anchored and without nested repetition, so matching costs at most the
     * prefix's length.
     */
    private static final Pattern CI_PREFIX = Pattern.compile(
            "\\[\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?] "
                    + "|\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?: ?(?:Z|[+-]\\d{2}:?\\d{2}))? "
                    + "|\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})? (?:\\| |[AP]M: )?"
                    + "|#\\d{1,5} \\d{1,6}\\.\\d{1,3} ");

    private LogText() {
    }

    /** The text between {@code start} and {@code end} (a line without its {@code \n}), cleaned. */
    static String clean(String text, int start, int end) {
        while (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        // A carriage return inside a line overwrites it on a terminal (progress bars): what was
        // printed last is what a person saw.
        for (int i = end - 1; i >= start; i--) {
            if (text.charAt(i) == '\r') {
                start = i + 1;
                break;
            }
        }
        String line = text.substring(start, Math.min(end, start + BuildLog.MAX_LINE_LENGTH * 2));
        if (line.indexOf('\u001B') >= 0) {
            line = stripAnsi(line);
        }
        line = stripPrefix(line);
        return line.length() > BuildLog.MAX_LINE_LENGTH ? line.substring(0, BuildLog.MAX_LINE_LENGTH) : line;
    }

    private static String stripPrefix(String line) {
        if (line.isEmpty()) {
            return line;
        }
        char first = line.charAt(0);
        if (first != '[' && first != '#' && !Character.isDigit(first)) {
            return line;
        }
        Matcher prefix = CI_PREFIX.matcher(line);
        return prefix.lookingAt() ? line.substring(prefix.end()) : line;
    }

    /** Removes CSI ({@code ESC [ … final}), OSC ({@code ESC ] … BEL}) and two-character escape sequences. */
    static String stripAnsi(String line) {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c != '\u001B') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= n) {
                break;
            }
            char kind = line.charAt(i + 1);
            i += 2;
            if (kind == '[') {
                while (i < n && line.charAt(i) >= 0x20 && line.charAt(i) <= 0x3F) {
                    i++;
                }
                while (i < n && line.charAt(i) >= 0x20 && line.charAt(i) <= 0x2F) {
                    i++;
                }
                if (i < n) {
                    i++;
                }
            } else if (kind == ']') {
                while (i < n && line.charAt(i) != '\u0007' && !(line.charAt(i) == '\u001B' && i + 1 < n && line.charAt(i + 1) == '\\')) {
                    i++;
                }
                i += i < n && line.charAt(i) == '\u0007' ? 1 : 2;
            }
        }
        return out.toString();
    }
}
