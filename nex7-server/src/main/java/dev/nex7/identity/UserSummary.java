package dev.nex7.identity;

/** What other modules may know of an account: enough to show who someone is. */
public record UserSummary(UserId id, String email, String name) {
}
