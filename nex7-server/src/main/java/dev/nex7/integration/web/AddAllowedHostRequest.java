package dev.nex7.integration.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Opens a host, or one port of it, for outbound HTTP. */
public record AddAllowedHostRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "wiki.corp.internal:8443")
        @NotBlank @Size(max = 260) String entry) {
}
