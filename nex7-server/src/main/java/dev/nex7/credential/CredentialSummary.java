package dev.nex7.credential;

/** What other modules may know of a credential without opening it. */
public record CredentialSummary(CredentialId id, String kind, String name) {
}
