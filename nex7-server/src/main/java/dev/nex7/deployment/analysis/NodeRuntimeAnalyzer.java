package dev.nex7.deployment.analysis;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;

/**
 * Node.js crashes: a port already in use (EADDRINUSE, with the port), the heap running out, and
 * uncaught errors with a stack ({@code TypeError}, {@code ReferenceError}, …, a plain
 * {@code Error}), located at the top frame in the project's own code, or at the
 * {@code file:line} Node prints above the error. Errors other analyzers name better (missing
 * modules, missing environment variables) are left to them.
 */
@Component
class NodeRuntimeAnalyzer extends LineAnalyzer {

    private static final String TOOL = "node";

    private static final Pattern ADDRESS_IN_USE = Pattern.compile("EADDRINUSE:? (?:address already in use )?(\\S+)");
    private static final Pattern ERROR = Pattern.compile("^(?:Uncaught )?((?:Type|Reference|Range|Syntax|Eval|URI|Aggregate)?Error)(?: \\[[\\w.]+])?: (.+)$");
    private static final Pattern SOURCE_LINE = Pattern.compile("^((?:file://)?/\\S+?|[A-Za-z]:\\\\\\S+?):(\\d+)$");
    private static final List<String> NAMED_ELSEWHERE = List.of("EADDRINUSE", "Cannot find module", "Cannot find package",
            "Module not found", "nvironment variable", "ZodError", "build failed", "Failed to collect", "Command \"",
            "You're importing", "only works in Client Components");

    @Override
    Finding read(BuildLog log, int index, String line) {
        if (line.contains("EADDRINUSE")) {
            return portInUse(log, index, line);
        }
        if (line.contains("JavaScript heap out of memory")) {
            return Finding.of(FindingCategory.OUT_OF_MEMORY, TOOL, index).subject("javascript-heap")
                    .message(line.strip()).fix(FixStrategy.INCREASE_MEMORY).build();
        }
        return line.contains("Error") ? uncaught(log, index, line) : null;
    }

    private static Finding portInUse(BuildLog log, int index, String line) {
        Matcher address = ADDRESS_IN_USE.matcher(line);
        if (!address.find()) {
            return null;
        }
        String where = address.group(1);
        String port = where.substring(where.lastIndexOf(':') + 1).replaceAll("\\D+$", "");
        Finding.Builder finding = Finding.of(FindingCategory.PORT_IN_USE, TOOL, index).subject(port.isEmpty() ? null : port)
                .message("Port " + port + " is already in use").fix(FixStrategy.CHANGE_PORT);
        StackFrames.firstProjectFrame(log, index + 1, 12).ifPresent(at -> finding.at(at.file(), at.line(), at.column()));
        return finding.build();
    }

    private static Finding uncaught(BuildLog log, int index, String line) {
        Matcher error = ERROR.matcher(line.strip());
        if (!error.matches() || NAMED_ELSEWHERE.stream().anyMatch(line::contains) || !stackFollows(log, index)
                || duringPrerender(log, index)) {
            return null;
        }
        Finding.Builder finding = Finding.of(FindingCategory.RUNTIME_CRASH, TOOL, index).subject(error.group(1))
                .message(error.group(1) + ": " + error.group(2));
        Optional<Location> at = StackFrames.firstProjectFrame(log, index + 1, 15).or(() -> sourceLine(log, index));
        at.ifPresent(location -> finding.at(location.file(), location.line(), location.column()));
        return finding.build();
    }

    /**
     * Whether the error is a page's, thrown while Next.js prerendered it: the prerender finding
     * carries it (and its place), with the page it broke.
     */
    private static boolean duringPrerender(BuildLog log, int index) {
        for (int j = index - 1; j >= Math.max(0, index - 2); j--) {
            if (log.line(j).contains("Error occurred prerendering page")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a stack trace follows the error line (so it is a thrown error, not a message that says "Error:"). */
    private static boolean stackFollows(BuildLog log, int index) {
        for (int j = index + 1; j < Math.min(log.size(), index + 3); j++) {
            if (StackFrames.isFrame(log.line(j))) {
                return true;
            }
        }
        return false;
    }

    /** The {@code /path/file.js:12} Node prints above an uncaught error, with the code and a caret. */
    private static Optional<Location> sourceLine(BuildLog log, int index) {
        for (int j = index - 1; j >= Math.max(0, index - 5); j--) {
            Matcher source = SOURCE_LINE.matcher(log.line(j));
            if (source.matches() && !source.group(1).contains("node_modules") && !source.group(1).startsWith("node:")) {
                return Optional.of(new Location(log.path(source.group(1)), Integer.valueOf(source.group(2)), null));
            }
        }
        return Optional.empty();
    }
}
