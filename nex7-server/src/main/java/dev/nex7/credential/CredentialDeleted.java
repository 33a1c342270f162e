package dev.nex7.credential;

import dev.nex7.project.ProjectId;

/**
 * A credential was deleted through the API. Credentials that go with a deleted project raise no
 * such event; listeners react to the project's own {@code ProjectDeleted}.
 */
public record CredentialDeleted(ProjectId projectId, CredentialId credentialId) {
}
