package dev.nex7.identity.web;

import java.time.Instant;
import java.util.UUID;

import dev.nex7.identity.Role;
import dev.nex7.identity.account.Account;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: no password hash, ever. */
public record UserView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String email,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        String avatarUrl,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"user", "admin"}) Role role,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        Instant lastLoginAt) {

    static UserView of(Account account) {
        return new UserView(account.id().value(), account.email(), account.name(), account.avatarUrl(),
                account.role(), account.createdAt(), account.lastLoginAt());
    }
}
