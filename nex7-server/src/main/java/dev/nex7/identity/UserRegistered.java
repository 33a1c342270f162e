package dev.nex7.identity;

/** A new account was created. */
public record UserRegistered(UserId userId) {
}
