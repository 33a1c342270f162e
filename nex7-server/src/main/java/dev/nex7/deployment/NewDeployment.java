package dev.nex7.deployment;

import java.util.Objects;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * A deployment to record: one the local builder is about to build, or one a target reported.
 *
 * @param externalId the target's own id, null for the local target
 * @param createdBy the person who asked for it, null when NEX7 or the target started it
 */
public record NewDeployment(ProjectId projectId, String target, String externalId, String trigger, String environment,
        String commitSha, String commitMessage, String branch, UserId createdBy) {

    public NewDeployment {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(trigger, "trigger");
        environment = environment == null ? "production" : environment;
    }
}
