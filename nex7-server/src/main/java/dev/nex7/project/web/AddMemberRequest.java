package dev.nex7.project.web;

import dev.nex7.project.ProjectRole;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Adds an existing account to the project. */
public record AddMemberRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"owner", "editor", "viewer"}) @NotNull ProjectRole role) {
}
