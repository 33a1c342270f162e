package dev.nex7.deployment.web;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** A deployment on the project's timeline. */
@Schema(name = "Deployment")
record DeploymentView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID projectId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"local", "vercel"}) String target,
        @Schema(description = "The target's own id (Vercel's dpl_…)") String externalId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) DeploymentStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "push") String trigger,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"production", "preview"}) String environment,
        String url, String commitSha, String commitMessage, String branch,
        @Schema(description = "The root finding's category, when the deployment failed") String rootCategory,
        @Schema(description = "The root finding's message, when the deployment failed") String rootCause,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt, Instant startedAt, Instant finishedAt,
        @Schema(description = "From start to finish") Long durationMillis) {

    static DeploymentView of(Deployment deployment) {
        return new DeploymentView(deployment.id().value(), deployment.projectId().value(), deployment.target(), deployment.externalId(),
                deployment.status(), deployment.trigger(), deployment.environment(), deployment.url(), deployment.commitSha(),
                deployment.commitMessage(), deployment.branch(), deployment.rootCategory(), deployment.rootCause(), deployment.createdAt(),
                deployment.startedAt(), deployment.finishedAt(), deployment.duration() == null ? null : deployment.duration().toMillis());
    }
}
