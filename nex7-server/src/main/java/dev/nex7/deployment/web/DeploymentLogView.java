package dev.nex7.deployment.web;

import java.util.List;

import dev.nex7.deployment.DeploymentLog;
import io.swagger.v3.oas.annotations.media.Schema;

/** A deployment's build log with the findings the analyzers read in it (their logLine points into text). */
@Schema(name = "DeploymentLog")
record DeploymentLogView(@Schema(description = "Null until the builder stored it") String text,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LogFindingView> findings) {

    static DeploymentLogView of(DeploymentLog log) {
        return new DeploymentLogView(log.text(), log.findings().stream().map(LogFindingView::of).toList());
    }
}
