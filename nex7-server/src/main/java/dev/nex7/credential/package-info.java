/**
 * A project's credentials vault: kinds with their fields, secrets sealed at rest with the
 * platform's {@link dev.nex7.platform.secret.SecretBox}. Other modules name a credential by
 * {@link dev.nex7.credential.CredentialId}, open it for a node run through
 * {@link dev.nex7.credential.CredentialVault}, read the kinds from
 * {@link dev.nex7.credential.CredentialKinds} and listen to {@link dev.nex7.credential.CredentialDeleted}.
 * The API never returns a secret value, only which secret fields are set.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Credential")
package dev.nex7.credential;
