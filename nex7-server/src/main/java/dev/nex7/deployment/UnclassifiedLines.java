package dev.nex7.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The finding for a log no analyzer understood: its likeliest error lines, quoted, so that a person
 * or a model still starts from the right place.
 */
final class UnclassifiedLines {

    static final String TOOL = "unknown";
    private static final int QUOTED = 8;

    private static final Pattern ERROR_WORD = Pattern.compile(
            "(?i)\\b(?:error|errors|err|failed|failure|fatal|exception|panic|cannot|unable to|not found|exit(?:ed)? (?:code|status|with) [1-9])\\b");
    private static final Pattern NOTHING_WRONG = Pattern.compile("(?i)\\b(?:0|no) (?:errors?|failures?)\\b");
    /** A compiler diagnostic that starts with its place ({@code main.go:12:3: undefined: x}), error word or not. */
    private static final Pattern DIAGNOSTIC = Pattern.compile("[\\w./@-]+\\.[A-Za-z]{1,5}:\\d{1,7}:\\d{1,5}: ");
    /** A compiler-style location ({@code main.go:12:3:}, {@code src/lib.rs:4:9}) on an error line. */
    private static final Pattern LOCATION = Pattern.compile("([\\w./@-]+\\.[A-Za-z]{1,5}):(\\d{1,7})(?::(\\d{1,5}))?");

    private UnclassifiedLines() {
    }

    /** The log's error lines (the first ones, and its last one), when it has any. */
    static Optional<Finding> errors(BuildLog log) {
        List<Integer> hits = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < log.size(); i++) {
            String line = log.line(i);
            if ((ERROR_WORD.matcher(line).find() || DIAGNOSTIC.matcher(line).lookingAt()) && !NOTHING_WRONG.matcher(line).find()) {
                if (hits.size() < QUOTED - 1) {
                    hits.add(i);
                }
                last = i;
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        if (!hits.contains(last)) {
            hits.add(last);
        }
        return Optional.of(finding(log, hits));
    }

    /** The log's last lines, for a log without a single error line. */
    static Finding last(BuildLog log) {
        List<Integer> tail = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0 && tail.size() < QUOTED; i--) {
            if (!log.line(i).isBlank()) {
                tail.addFirst(i);
            }
        }
        if (tail.isEmpty()) {
            return Finding.of(FindingCategory.UNCLASSIFIED, TOOL, 0).message("The log is empty.").build();
        }
        return finding(log, tail);
    }

    private static Finding finding(BuildLog log, List<Integer> lines) {
        Set<String> quoted = new LinkedHashSet<>();
        lines.forEach(i -> quoted.add(log.line(i).strip()));
        Finding.Builder finding = Finding.of(FindingCategory.UNCLASSIFIED, TOOL, lines.getFirst())
                .message(String.join("\n", quoted));
        // The place is on the error line (gcc, go) or on an arrow line under it (rustc: "--> src/main.rs:3:5").
        int first = lines.getFirst();
        for (int i = first; i < Math.min(log.size(), first + 3); i++) {
            String line = log.line(i);
            Matcher location = LOCATION.matcher(line);
            if ((i == first || line.stripLeading().startsWith("-->")) && location.find()) {
                finding.at(log.path(location.group(1)), Integer.valueOf(location.group(2)),
                        location.group(3) == null ? null : Integer.valueOf(location.group(3)));
                break;
            }
        }
        return finding.build();
    }
}
