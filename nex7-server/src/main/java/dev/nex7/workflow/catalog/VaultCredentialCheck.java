package dev.nex7.workflow.catalog;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.nex7.credential.CredentialId;
import dev.nex7.credential.CredentialSummary;
import dev.nex7.credential.CredentialVault;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.definition.WorkflowLibrary;

/** For validation: a node's chosen credential must exist in the workflow's project; its kind is checked against the slot. */
@Component
class VaultCredentialCheck implements WorkflowLibrary.CredentialCheck {

    private final CredentialVault vault;

    VaultCredentialCheck(CredentialVault vault) {
        this.vault = vault;
    }

    @Override
    public WorkflowValidator.CredentialKinds in(ProjectId project) {
        return id -> {
            try {
                return vault.find(project, CredentialId.parse(id)).map(CredentialSummary::kind);
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
        };
    }
}
