package dev.nex7.deployment.web;

import java.util.List;

import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.LogProgress;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A deployment's build log with the findings the analyzers read in it (their logLine points into
 * text), or, for a reader following a running build with a cursor, what was written since.
 */
@Schema(name = "DeploymentLog")
record DeploymentLogView(
        @Schema(description = "The whole log; with after, only what follows the cursor (the whole log again when reset). "
                + "Null when no cursor was given and nothing is stored yet") String text,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LogFindingView> findings,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The deployment's status as of this read")
        DeploymentStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0.18342",
                description = "Pass as after to read only what is written later") String cursor,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether text is the whole log, to replace what the "
                + "reader has: the kept log was rewritten since the cursor (its middle dropped, or the final log stored)") boolean reset) {

    static DeploymentLogView of(LogProgress log) {
        return new DeploymentLogView(log.text(), log.findings().stream().map(LogFindingView::of).toList(), log.status(),
                log.cursor().toString(), log.reset());
    }
}
