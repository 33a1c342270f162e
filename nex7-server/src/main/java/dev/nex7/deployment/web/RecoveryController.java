package dev.nex7.deployment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.recovery.Recovery;
import dev.nex7.deployment.recovery.RecoveryAttempts;
import dev.nex7.deployment.recovery.RecoveryAttempts.Attempt;
import dev.nex7.deployment.recovery.RecoveryPolicies;
import dev.nex7.deployment.recovery.Rollbacks;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.ApiProblem;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Recovery of failed deployments: the attempts with their proofs, retry, rollback, the policy and the calibration record. */
@RestController
@Tag(name = "Deployments")
class RecoveryController {

    @Schema(name = "RecoveryAttempt", description = "A fix NEX7 considered for a failed deployment, with its proof")
    record AttemptView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "add-dependency") String strategy,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"rule", "model"}) String source,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) double confidence,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String rationale, LogFindingView finding,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"skipped", "needs-input", "proving", "proven", "failed", "rejected"}) String status,
            @Schema(description = "The unified diff of the fix") String diff,
            @Schema(description = "What the fix's commands and the proof build printed") String buildOutput,
            @Schema(description = "How long the project's own commands took") Long buildMillis,
            @Schema(description = "From the failure to the proof, less the project's own command time") Long proofMillis,
            String detail, String branch, String commitSha, String pullRequestUrl, Integer pullRequestNumber,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean merged, UUID redeploymentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt, Instant finishedAt) {

        static AttemptView of(Attempt attempt) {
            return new AttemptView(attempt.id(), attempt.strategy(), attempt.source(), attempt.confidence(), attempt.rationale(),
                    attempt.finding() == null ? null : LogFindingView.of(attempt.finding()), attempt.status(), attempt.diff(),
                    attempt.buildOutput(), attempt.buildMillis(), attempt.proofMillis(), attempt.detail(), attempt.branch(),
                    attempt.commitSha(), attempt.pullRequestUrl(), attempt.pullRequestNumber(), attempt.merged(),
                    attempt.redeploymentId() == null ? null : attempt.redeploymentId().value(), attempt.createdAt(), attempt.finishedAt());
        }
    }

    /** Only failed deployments are recovered. */
    static final class NotFailed extends ApiProblem {
        NotFailed() {
            super(HttpStatus.CONFLICT, "deployment-not-failed", "Only a failed deployment is recovered", "This deployment did not fail.");
        }
    }

    private final Deployments deployments;
    private final Recovery recovery;
    private final RecoveryAttempts attempts;
    private final RecoveryPolicies policies;
    private final Rollbacks rollbacks;
    private final ProjectAccess access;

    RecoveryController(Deployments deployments, Recovery recovery, RecoveryAttempts attempts, RecoveryPolicies policies, Rollbacks rollbacks,
            ProjectAccess access) {
        this.deployments = deployments;
        this.recovery = recovery;
        this.attempts = attempts;
        this.policies = policies;
        this.rollbacks = rollbacks;
        this.access = access;
    }

    @GetMapping("/api/deployments/{deploymentId}/recovery")
    @Operation(operationId = "listRecoveryAttempts", summary = "The fixes NEX7 considered for a failed deployment, with diffs and proofs")
    List<AttemptView> attempts(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID deploymentId) {
        DeploymentId id = new DeploymentId(deploymentId);
        deployments.get(id, user.id());
        return attempts.of(id).stream().map(AttemptView::of).toList();
    }

    @PostMapping("/api/deployments/{deploymentId}/recovery")
    @Operation(operationId = "retryRecovery", summary = "Try to recover a failed deployment again (editor)",
            description = "Runs in the background; the attempts appear as they are proven.")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "409", description = "The deployment did not fail")
    ResponseEntity<Void> retry(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID deploymentId) {
        DeploymentId id = new DeploymentId(deploymentId);
        Deployment deployment = deployments.get(id, user.id());
        access.require(deployment.projectId(), user.id(), ProjectRole.EDITOR);
        if (deployment.status() != DeploymentStatus.ERROR) {
            throw new NotFailed();
        }
        Thread.ofVirtual().name("nex7-recovery-" + id).start(() -> recovery.recover(id));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/api/deployments/{deploymentId}/rollback")
    @Operation(operationId = "rollBackDeployment", summary = "Redeploy the last good deployment before this one (editor)")
    @ApiResponse(responseCode = "202", description = "The redeployment, queued")
    @ApiResponse(responseCode = "409", description = "No earlier ready deployment, or the target rolls back elsewhere")
    ResponseEntity<DeploymentView> rollback(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID deploymentId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeploymentView.of(rollbacks.rollback(new DeploymentId(deploymentId), user.id())));
    }

    @GetMapping("/api/projects/{projectId}/recovery-policy")
    @Operation(operationId = "getRecoveryPolicy", summary = "How NEX7 recovers the project's failed deployments (members)")
    RecoveryPolicies.Policy policy(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return policies.get(new ProjectId(projectId), user.id());
    }

    @PutMapping("/api/projects/{projectId}/recovery-policy")
    @Operation(operationId = "setRecoveryPolicy", summary = "Set how NEX7 recovers the project's failed deployments (owner)")
    RecoveryPolicies.Policy setPolicy(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody RecoveryPolicies.Policy policy) {
        return policies.set(new ProjectId(projectId), user.id(), policy);
    }

    @GetMapping("/api/projects/{projectId}/recovery/calibration")
    @Operation(operationId = "getRecoveryCalibration", summary = "Per fix strategy: how often its fixes passed their proofs and were merged")
    List<RecoveryAttempts.Calibration> calibration(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        ProjectId project = new ProjectId(projectId);
        access.require(project, user.id(), ProjectRole.VIEWER);
        return attempts.calibration(project);
    }
}
