package dev.nex7.deployment.analysis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nex7.deployment.BuildLog;

/**
 * JavaScript stack frames ({@code at fn (file:line:col)}, {@code at file:line:col}) and the
 * first one in the project's own code: not Node's internals, not a dependency, not a bundle
 * Next.js compiled.
 */
final class StackFrames {

    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:.*\\()?((?:file://)?[^()\\s]+?):(\\d+):(\\d+)\\)?\\s*$");

    private StackFrames() {
    }

    /** Whether {@code line} is a stack frame line (with or without a location). */
    static boolean isFrame(String line) {
        return line.stripLeading().startsWith("at ");
    }

    /** The first project frame within {@code maxLines} lines from {@code from}. */
    static Optional<Location> firstProjectFrame(BuildLog log, int from, int maxLines) {
        int end = Math.min(log.size(), from + maxLines);
        for (int i = from; i < end; i++) {
            String line = log.line(i);
            if (line.startsWith("Node.js v")) {
                break;
            }
            Optional<Location> frame = projectFrame(log, line);
            if (frame.isPresent()) {
                return frame;
            }
        }
        return Optional.empty();
    }

    /** The frame on {@code line}, if it is one and points into the project's own code. */
    static Optional<Location> projectFrame(BuildLog log, String line) {
        if (!isFrame(line)) {
            return Optional.empty();
        }
        Matcher frame = FRAME.matcher(line);
        if (!frame.matches()) {
            return Optional.empty();
        }
        String path = frame.group(1);
        if (path.startsWith("node:") || path.startsWith("internal/") || path.contains("/node_modules/")
                || path.startsWith("http://") || path.startsWith("https://") || path.contains("/.next/")
                || path.startsWith(".next/")) {
            return Optional.empty();
        }
        return Optional.of(new Location(log.path(path), Integer.valueOf(frame.group(2)), Integer.valueOf(frame.group(3))));
    }
}
