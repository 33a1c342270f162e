package dev.nex7.deployment.web;

import dev.nex7.deployment.Finding;
import dev.nex7.deployment.FindingCategory;
import dev.nex7.deployment.FixStrategy;
import dev.nex7.deployment.Severity;
import io.swagger.v3.oas.annotations.media.Schema;

/** One finding as the API shows it; see {@link Finding} for what each field means. */
@Schema(name = "LogFinding", description = "One failure read from a log")
record LogFindingView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) FindingCategory category,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "tsc",
                description = "The tool that reported it") String tool,
        @Schema(example = "src/index.ts", description = "Relative to the project root") String file,
        @Schema(example = "3") Integer line,
        @Schema(example = "7") Integer column,
        @Schema(example = "TS2322", description = "What to act on: module, package@range, TS code, rule id, "
                + "environment variable, port, page route or exception type") String subject,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String message,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether this is the root cause") boolean root,
        @Schema(description = "The rule a fix generator can apply; null when only a model-made fix can help")
        FixStrategy fixStrategy,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Severity severity,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12",
                description = "The 1-based line of the submitted log the finding starts at") int logLine) {

    static LogFindingView of(Finding finding) {
        return new LogFindingView(finding.category(), finding.tool(), finding.file(), finding.line(), finding.column(),
                finding.subject(), finding.message(), finding.root(), finding.fixStrategy(), finding.severity(),
                finding.logLine());
    }
}
