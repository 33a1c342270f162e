package dev.nex7.workflow.engine;

import java.util.Collection;

import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialUnavailable;
import dev.nex7.credential.CredentialVault;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.project.ProjectId;

/** Opens a node's credentials from its project's vault; a missing or unreadable one fails the node, not retried. */
@Component
class VaultCredentials implements NodeServices.CredentialSource {

    private final CredentialVault vault;

    VaultCredentials(CredentialVault vault) {
        this.vault = vault;
    }

    @Override
    public Credential open(ProjectId project, String credentialId, Collection<String> kinds) throws NodeFailure {
        CredentialId id;
        try {
            id = CredentialId.parse(credentialId);
        } catch (IllegalArgumentException e) {
            throw NodeFailure.permanent("credential-unavailable", "\"" + credentialId + "\" is not a credential id.");
        }
        try {
            return vault.open(project, id, kinds);
        } catch (CredentialUnavailable unavailable) {
            throw NodeFailure.permanent("credential-unavailable", unavailable.getMessage());
        }
    }
}
