package dev.nex7.deployment.patch;

import java.util.ArrayList;
import java.util.List;

import dev.nex7.deployment.patch.PatchRejected.Reason;

/**
 * Applies a file's hunks to its text. Like {@code patch} with fuzz 0: every context and removed
 * line must match exactly (whitespace and line endings included), but a hunk may sit some lines
 * away from where its header says (the file changed above it since the diff was made); the
 * nearest match wins, looking both ways, and the offset found carries over to the next hunks.
 * Hunks apply in order and never overlap. A pure insertion (no context) must be at its line.
 */
final class Hunks {

    private Hunks() {
    }

    static String apply(String path, String text, List<Hunk> hunks) {
        List<String> lines = split(text);
        List<String> result = new ArrayList<>(lines.size());
        int copied = 0;
        int offset = 0;
        for (Hunk hunk : hunks) {
            List<String> before = hunk.before();
            int expected = (hunk.oldCount() == 0 ? hunk.oldStart() : hunk.oldStart() - 1) + offset;
            int at = find(lines, before, expected, copied);
            if (at < 0) {
                throw new PatchRejected(Reason.HUNK_MISMATCH, path, "The hunk @@ -" + hunk.oldStart() + "," + hunk.oldCount()
                        + " @@ does not match " + path + (before.isEmpty() ? " at its line" : ": its lines are not in the file"));
            }
            offset = at - (hunk.oldCount() == 0 ? hunk.oldStart() : hunk.oldStart() - 1);
            result.addAll(lines.subList(copied, at));
            result.addAll(hunk.after());
            copied = at + before.size();
        }
        result.addAll(lines.subList(copied, lines.size()));
        for (int i = 0; i < result.size() - 1; i++) {
            if (!result.get(i).endsWith("\n")) {
                throw new PatchRejected(Reason.HUNK_MISMATCH, path,
                        "The patch leaves a line of " + path + " without its newline before the end of the file");
            }
        }
        return String.join("", result);
    }

    /** The file's lines, each with its newline (the last one may have none). */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** Where {@code wanted} is, nearest to {@code expected} and not before {@code from}; -1 when nowhere. */
    private static int find(List<String> lines, List<String> wanted, int expected, int from) {
        int last = lines.size() - wanted.size();
        if (wanted.isEmpty()) {
            return expected >= from && expected <= lines.size() ? expected : -1;
        }
        for (int distance = 0; distance <= Math.max(expected - from, last - expected); distance++) {
            if (matches(lines, wanted, expected - distance, from, last)) {
                return expected - distance;
            }
            if (distance > 0 && matches(lines, wanted, expected + distance, from, last)) {
                return expected + distance;
            }
        }
        return -1;
    }

    private static boolean matches(List<String> lines, List<String> wanted, int at, int from, int last) {
        if (at < from || at > last) {
            return false;
        }
        for (int i = 0; i < wanted.size(); i++) {
            if (!lines.get(at + i).equals(wanted.get(i))) {
                return false;
            }
        }
        return true;
    }
}
