package dev.nex7.deployment;

import java.util.Objects;

/**
 * One failure read from a log: what kind it is, which tool said so, where in the project, what to
 * act on, and whether it is the root cause the other findings follow from.
 *
 * @param category what kind of failure
 * @param tool the tool that reported it: {@code tsc}, {@code next}, {@code eslint}, {@code webpack},
 *        {@code vite}, {@code node}, {@code npm}, {@code pnpm}, {@code yarn}, {@code vercel},
 *        {@code maven}, {@code gradle}, {@code javac}, {@code python}, or {@code unknown}
 * @param file the file, relative to the project root with {@code /} separators, or {@code null}
 * @param line the 1-based line in {@code file}, or {@code null}
 * @param column the 1-based column in {@code file}, or {@code null}
 * @param subject the thing to act on: the missing module or package, the TypeScript code
 *        ({@code TS2322}), the lint rule id, the environment variable, {@code package@range}, the
 *        port, the page route, the exception type; {@code null} when there is none
 * @param message the tool's message, trimmed to one or a few lines
 * @param root whether this is the root finding; exactly one finding of an analysis is
 * @param fixStrategy the rule a fix generator can apply, or {@code null} when only a model-made fix can help
 * @param severity whether the tool failed over it or only warned
 * @param logLine the 1-based line of the analysed log where the finding starts
 */
public record Finding(FindingCategory category, String tool, String file, Integer line, Integer column,
        String subject, String message, boolean root, FixStrategy fixStrategy, Severity severity, int logLine) {

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /** This finding marked as the root. */
    public Finding asRoot() {
        return new Finding(category, tool, file, line, column, subject, message, true, fixStrategy, severity, logLine);
    }

    /** Starts a finding of {@code category} reported by {@code tool} at the 0-based {@code logIndex}. */
    public static Builder of(FindingCategory category, String tool, int logIndex) {
        return new Builder(category, tool, logIndex + 1);
    }

    /** Builds a finding; everything but the category, the tool, the log line and the message is optional. */
    public static final class Builder {

        private final FindingCategory category;
        private final String tool;
        private final int logLine;
        private String file;
        private Integer line;
        private Integer column;
        private String subject;
        private String message;
        private FixStrategy fixStrategy;
        private Severity severity = Severity.ERROR;

        private Builder(FindingCategory category, String tool, int logLine) {
            this.category = category;
            this.tool = tool;
            this.logLine = logLine;
        }

        /** Where in the project; {@code file} should already be relative ({@link BuildLog#path}). */
        public Builder at(String file, Integer line, Integer column) {
            this.file = file;
            this.line = line;
            this.column = column;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder fix(FixStrategy fixStrategy) {
            this.fixStrategy = fixStrategy;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Finding build() {
            return new Finding(category, tool, file, line, column, subject, message == null ? "" : message.strip(),
                    false, fixStrategy, severity, logLine);
        }
    }
}
