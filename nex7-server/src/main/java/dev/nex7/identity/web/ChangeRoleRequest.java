package dev.nex7.identity.web;

import dev.nex7.identity.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** An administrator's change of another account's role. */
public record ChangeRoleRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"user", "admin"}) @NotNull Role role) {
}
