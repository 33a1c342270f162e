package dev.nex7.identity.web;

import jakarta.validation.constraints.NotNull;

/** A password sign-in. */
public record LoginRequest(@NotNull String email, @NotNull String password) {
}
