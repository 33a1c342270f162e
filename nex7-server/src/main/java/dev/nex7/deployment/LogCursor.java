package dev.nex7.deployment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a reader following a deployment's log got to: the log's version (it changes each time the
 * stored text is rewritten rather than appended to) and how many characters of it were read.
 * Written {@code <version>.<offset>}; readers treat it as opaque.
 */
public record LogCursor(int version, int offset) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})");

    public LogCursor {
        if (version < 0 || offset < 0) {
            throw new IllegalArgumentException("a log cursor is not negative");
        }
    }

    /** The cursor {@code text} writes, if it is one. */
    public static Optional<LogCursor> parse(String text) {
        Matcher form = text == null ? null : FORM.matcher(text);
        return form != null && form.matches()
                ? Optional.of(new LogCursor(Integer.parseInt(form.group(1)), Integer.parseInt(form.group(2))))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return version + "." + offset;
    }
}
