package dev.nex7.identity.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new account. Every field is checked and every problem reported at once. */
public record RegisterRequest(
        @Schema(example = "ada@example.com", maxLength = 254) @NotNull String email,
        @Schema(description = "At least 12 characters, not a common password, not containing the email",
                minLength = 12, maxLength = 256) @NotNull String password,
        @Schema(example = "Ada Lovelace") @NotNull @Size(min = 1, max = 100) String name) {
}
