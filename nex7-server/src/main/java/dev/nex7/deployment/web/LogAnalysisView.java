package dev.nex7.deployment.web;

import java.util.List;

import dev.nex7.deployment.Analysis;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a log analysis found. */
@Schema(name = "LogAnalysis")
record LogAnalysisView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The root finding first, the others in log order")
        List<LogFindingView> findings,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Index of the root finding (always 0)") int root,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Bytes of the log analysed (UTF-8)")
        long analyzedBytes) {

    static LogAnalysisView of(Analysis analysis) {
        return new LogAnalysisView(analysis.findings().stream().map(LogFindingView::of).toList(), analysis.root(),
                analysis.analyzedBytes());
    }
}
