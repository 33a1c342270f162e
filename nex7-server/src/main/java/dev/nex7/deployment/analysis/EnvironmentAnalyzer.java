package dev.nex7.deployment.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.BuildLog;
import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.LogAnalyzer;

/**
 * Environment variables a build or app needs and did not get: the usual messages ("Missing
 * required environment variable X", "X is not set", Prisma's "Environment variable not found: X",
 * {@code process.env.X is undefined}) and env schema failures (zod's issue lists, t3-env's
 * "Invalid environment variables") whose paths are variable names. Where the log shows the
 * failing code (a stack frame), the finding points there.
 */
@Component
class EnvironmentAnalyzer implements LogAnalyzer {

    private static final String NAME = "([A-Z][A-Z0-9_]*[A-Z0-9])";
    private static final List<Pattern> MESSAGES = List.of(
            Pattern.compile("(?i:missing|required) (?i:required )?(?i:environment|env) (?i:variables?|vars?)[:\\s]+[\"'`]?" + NAME),
            Pattern.compile("(?i:environment variable|env var(?:iable)?) [\"'`]?" + NAME + "[\"'`]? (?i:is )?(?i:missing|not set|not defined|required|undefined)"),
            Pattern.compile("(?i:environment variable not found): " + NAME),
            Pattern.compile("(?:process\\.env|import\\.meta\\.env)\\.(" + "[A-Z][A-Z0-9_]*" + ") (?i:is )?(?i:undefined|not set|not defined|missing|required)"),
            Pattern.compile("\\b([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]) (?i:is )?(?i:not set|missing|not defined)\\b"));
    private static final Pattern SCHEMA_START = Pattern.compile("ZodError|Invalid environment variables");
    private static final Pattern ZOD_PATH_INLINE = Pattern.compile("\"path\": \\[\\s*\"" + NAME + "\"\\s*]");
    private static final Pattern ZOD_PATH_OPEN = Pattern.compile("\"path\": \\[\\s*$");
    private static final Pattern QUOTED_NAME = Pattern.compile("^\\s*\"" + NAME + "\"\\s*,?$");
    private static final Pattern T3_ENTRY = Pattern.compile("^\\s*\\{?\\s*" + NAME + ": \\[");
    private static final Pattern ZOD_ARROW = Pattern.compile("^\\s*→ at " + NAME + "\\s*$");
    private static final Pattern ARROW = Pattern.compile("^\\s*-->\\s+(\\S+?):(\\d+)(?::(\\d+))?\\s*$");
    private static final Pattern ANY_ZOD_PATH = Pattern.compile("\"path\": \\[\\s*\"([^\"]*)\"");
    private static final Pattern ANY_QUOTED = Pattern.compile("^\\s*\"([^\"]*)\"\\s*,?$");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]");
    /** A line of source code a tool quotes ({@code > 4 |   throw …}, {@code   2 | const …}): code, not a message. */
    private static final Pattern CODE_FRAME = Pattern.compile("^\\s*>?\\s*\\d+\\s*\\|");
    private static final int SCHEMA_BLOCK = 80;

    @Override
    public List<Finding> analyze(BuildLog log) {
        List<Finding> findings = new ArrayList<>();
        String tool = log.lines().stream().limit(200).anyMatch(line -> line.contains("Next.js")) ? "next" : "node";
        for (int i = 0; i < log.size(); i++) {
            String line = log.line(i);
            if (SCHEMA_START.matcher(line).find()) {
                int end = schema(log, i, tool, findings);
                if (end > i) {
                    i = end;
                    continue;
                }
            }
            if (!mentionsEnvironment(line) || CODE_FRAME.matcher(line).lookingAt()) {
                continue;
            }
            for (Pattern message : MESSAGES) {
                Matcher match = message.matcher(line);
                if (match.find()) {
                    String reporter = line.contains("Environment variable not found") ? "prisma" : tool;
                    findings.add(finding(log, i, reporter, match.group(1), line.strip()));
                    break;
                }
            }
        }
        return findings;
    }

    private static boolean mentionsEnvironment(String line) {
        return line.contains("nv") || line.contains("NV") || line.contains(" not set") || line.contains(" missing")
                || line.contains(" not defined");
    }

    /**
     * The variables a schema failure starting at {@code start} names; returns the last line of
     * the failure read, or {@code start} when it names none.
     */
    private static int schema(BuildLog log, int start, String tool, List<Finding> findings) {
        int end = Math.min(log.size(), start + SCHEMA_BLOCK);
        int last = start;
        boolean environment = log.line(start).contains("environment") || nearby(log, start, end, "process.env")
                || nearby(log, start, end, "env.") || onlyVariableNames(log, start, end);
        if (!environment) {
            return start;
        }
        for (int j = start; j < end; j++) {
            String line = log.line(j);
            String name = null;
            int at = j;
            Matcher match;
            if ((match = ZOD_PATH_INLINE.matcher(line)).find() || (match = T3_ENTRY.matcher(line)).find()
                    || (match = ZOD_ARROW.matcher(line)).find()) {
                name = match.group(1);
            } else if (ZOD_PATH_OPEN.matcher(line).find() && j + 1 < end
                    && (match = QUOTED_NAME.matcher(log.line(j + 1))).matches()) {
                name = match.group(1);
                at = j + 1;
            }
            if (name != null) {
                findings.add(finding(log, at, tool, name, name + " is missing or invalid (" + log.line(start).strip() + ")"));
                last = j;
            }
        }
        return last;
    }

    /**
     * Whether every path the schema failure names is an {@code UPPER_SNAKE_CASE} name with an
     * underscore ({@code DATABASE_URL}): the way environment variables are named, not data fields.
     */
    private static boolean onlyVariableNames(BuildLog log, int from, int to) {
        boolean any = false;
        for (int j = from; j < to; j++) {
            Matcher path = ANY_ZOD_PATH.matcher(log.line(j));
            String name = null;
            if (path.find()) {
                name = path.group(1);
            } else if (ZOD_PATH_OPEN.matcher(log.line(j)).find() && j + 1 < to) {
                Matcher next = ANY_QUOTED.matcher(log.line(j + 1));
                name = next.matches() ? next.group(1) : "";
            }
            if (name != null) {
                if (!VARIABLE.matcher(name).matches()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean nearby(BuildLog log, int from, int to, String text) {
        for (int j = from; j < to; j++) {
            if (log.line(j).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(BuildLog log, int index, String tool, String name, String message) {
        Finding.Builder finding = Finding.of(FindingCategory.MISSING_ENV_VAR, tool, index).subject(name)
                .message(message).fix(FixStrategy.ADD_ENV_VAR);
        Optional<Location> frame = arrow(log, index).or(() -> StackFrames.firstProjectFrame(log, index + 1, 40));
        frame.ifPresent(at -> finding.at(at.file(), at.line(), at.column()));
        return finding.build();
    }

    /** Prisma's (and Rust-style) pointer under an error: {@code -->  prisma/schema.prisma:10}. */
    private static Optional<Location> arrow(BuildLog log, int index) {
        for (int j = index + 1; j < Math.min(log.size(), index + 3); j++) {
            Matcher arrow = ARROW.matcher(log.line(j));
            if (arrow.lookingAt()) {
                return Optional.of(new Location(log.path(arrow.group(1)), Integer.valueOf(arrow.group(2)),
                        arrow.group(3) == null ? null : Integer.valueOf(arrow.group(3))));
            }
        }
        return Optional.empty();
    }
}
