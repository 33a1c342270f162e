package dev.nex7.identity.account;

import java.time.Instant;

import dev.nex7.identity.Role;
import dev.nex7.identity.UserId;

/** An account as stored, password hash included; never leaves the identity module as is. */
public record Account(UserId id, String email, String name, String avatarUrl, String passwordHash, Role role,
        Instant createdAt, Instant lastLoginAt) {
}
