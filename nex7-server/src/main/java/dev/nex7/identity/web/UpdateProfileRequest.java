package dev.nex7.identity.web;

import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A partial profile change: an absent field is kept, {@code null} clears it. There is deliberately
 * no {@code role}: sending one is an unknown field and answered 400.
 */
public record UpdateProfileRequest(
        @Schema(implementation = String.class, maxLength = 100) Optional<String> name,
        @Schema(implementation = String.class, nullable = true) Optional<String> avatarUrl) {
}
