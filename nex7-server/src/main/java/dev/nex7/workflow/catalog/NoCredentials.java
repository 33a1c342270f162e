package dev.nex7.workflow.catalog;

import org.springframework.stereotype.Component;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.definition.WorkflowLibrary;

/** Until the credentials vault is wired in, every chosen credential is dangling. */
@Component
class NoCredentials implements WorkflowLibrary.CredentialCheck {

    @Override
    public WorkflowValidator.CredentialKinds in(ProjectId project) {
        return WorkflowValidator.CredentialKinds.NONE;
    }
}
