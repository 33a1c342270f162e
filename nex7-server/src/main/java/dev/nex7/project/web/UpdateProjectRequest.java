package dev.nex7.project.web;

import java.util.Optional;

import dev.nex7.project.ProjectCatalog.Changes;
import dev.nex7.project.ProjectStatus;
import dev.nex7.project.ProjectType;
import io.swagger.v3.oas.annotations.media.Schema;

/** A partial change: absent fields are kept, {@code null} clears an optional field. */
public record UpdateProjectRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 100) Optional<String> name,
        @Schema(implementation = String.class, maxLength = 2000, nullable = true) Optional<String> description,
        @Schema(implementation = ProjectType.class, allowableValues = {"web", "mobile", "api", "desktop"}) Optional<ProjectType> type,
        @Schema(implementation = ProjectStatus.class, allowableValues = {"active", "archived", "draft"}) Optional<ProjectStatus> status,
        @Schema(implementation = String.class, format = "uri", maxLength = 2048, nullable = true) Optional<String> repositoryUrl,
        @Schema(implementation = String.class, format = "uri", maxLength = 2048, nullable = true) Optional<String> deploymentUrl) {

    Changes changes() {
        return new Changes(name, description, type, status, repositoryUrl, deploymentUrl);
    }
}
