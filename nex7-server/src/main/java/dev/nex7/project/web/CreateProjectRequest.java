package dev.nex7.project.web;

import java.util.Optional;

import dev.nex7.project.ProjectCatalog.Changes;
import dev.nex7.project.ProjectStatus;
import dev.nex7.project.ProjectType;
import io.swagger.v3.oas.annotations.media.Schema;

/** A new project; the creator becomes its owner. Every invalid field is reported at once. */
public record CreateProjectRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name,
        @Schema(maxLength = 2000) String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"web", "mobile", "api", "desktop"}) ProjectType type,
        @Schema(description = "Defaults to draft", allowableValues = {"active", "archived", "draft"}) ProjectStatus status,
        @Schema(format = "uri", maxLength = 2048) String repositoryUrl,
        @Schema(format = "uri", maxLength = 2048) String deploymentUrl) {

    Changes changes() {
        return new Changes(given(name), given(description), given(type), given(status), given(repositoryUrl),
                given(deploymentUrl));
    }

    /** Absent on create means "use the default", which {@link Changes} spells as null. */
    private static <T> Optional<T> given(T value) {
        return value == null ? null : Optional.of(value);
    }
}
