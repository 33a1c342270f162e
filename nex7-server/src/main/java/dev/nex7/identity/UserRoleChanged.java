package dev.nex7.identity;

/** An administrator changed an account's platform role. */
public record UserRoleChanged(UserId userId, Role role, UserId changedBy) {
}
