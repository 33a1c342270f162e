package dev.nex7.deployment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.LogCursor;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The deployments timeline of a project, and one deployment with its log (which a running build's reader follows). Members read. */
@RestController
@Tag(name = "Deployments")
class DeploymentsController {

    private static final int MAX_PAGE = 200;

    private final Deployments deployments;

    DeploymentsController(Deployments deployments) {
        this.deployments = deployments;
    }

    @GetMapping("/api/projects/{projectId}/deployments")
    @Operation(operationId = "listDeployments", summary = "The project's deployments, newest first",
            description = "Page with before = the createdAt of the last one shown.")
    List<DeploymentView> list(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestParam(required = false) DeploymentStatus status, @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequest("limit", "must be between 1 and " + MAX_PAGE);
        }
        return deployments.list(new ProjectId(projectId), user.id(), status, before, limit).stream().map(DeploymentView::of).toList();
    }

    @GetMapping("/api/deployments/{deploymentId}")
    @Operation(operationId = "getDeployment", summary = "One deployment")
    DeploymentView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID deploymentId) {
        return DeploymentView.of(deployments.get(new DeploymentId(deploymentId), user.id()));
    }

    @GetMapping("/api/deployments/{deploymentId}/log")
    @Operation(operationId = "getDeploymentLog", summary = "A deployment's build log and its findings, the root first",
            description = "A running build's log grows while it builds. To follow it, pass the cursor of the last read as after: "
                    + "the answer has only the text written since, or the whole log with reset when the kept log was rewritten.")
    DeploymentLogView log(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID deploymentId,
            @Parameter(description = "The cursor of an earlier read", example = "0.18342") @RequestParam(required = false) String after) {
        LogCursor cursor = after == null ? null
                : LogCursor.parse(after).orElseThrow(() -> new InvalidRequest("after", "must be the cursor of an earlier read"));
        return DeploymentLogView.of(deployments.follow(new DeploymentId(deploymentId), user.id(), cursor));
    }
}
