package dev.nex7.project.web;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.project.Project;
import dev.nex7.project.ProjectRole;
import dev.nex7.project.ProjectStatus;
import dev.nex7.project.ProjectType;
import dev.nex7.project.persistence.Projects.WithRole;
import io.swagger.v3.oas.annotations.media.Schema;

/** A project as the API shows it, with the caller's role in it. */
public record ProjectView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"web", "mobile", "api", "desktop"}) ProjectType type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"active", "archived", "draft"}) ProjectStatus status,
        String repositoryUrl,
        String deploymentUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"owner", "editor", "viewer"}) ProjectRole myRole) {

    static ProjectView of(WithRole found) {
        Project p = found.project();
        return new ProjectView(p.id().value(), p.name(), p.description(), p.type(), p.status(), p.repositoryUrl(),
                p.deploymentUrl(), p.createdAt(), p.updatedAt(), found.role());
    }
}
