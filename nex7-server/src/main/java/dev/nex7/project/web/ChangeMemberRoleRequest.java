package dev.nex7.project.web;

import dev.nex7.project.ProjectRole;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** A member's new role. */
public record ChangeMemberRoleRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"owner", "editor", "viewer"}) @NotNull ProjectRole role) {
}
