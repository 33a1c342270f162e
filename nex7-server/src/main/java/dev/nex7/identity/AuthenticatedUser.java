package dev.nex7.identity;

/**
 * The signed-in caller of a request, as established from a valid access token and the account's
 * current role. Controllers take it with {@code @AuthenticationPrincipal}.
 */
public record AuthenticatedUser(UserId id, String email, Role role) {
}
