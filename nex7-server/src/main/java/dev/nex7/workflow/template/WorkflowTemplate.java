package dev.nex7.workflow.template;

import java.util.List;

import dev.nex7.workflow.definition.WorkflowDefinition;

/**
 * A ready-made workflow people start from. Templates are JSON resources under
 * {@code workflow-templates/}; they use only the nodes the server ships.
 *
 * @param id stable, URL-safe name ({@code webhook-transform-respond})
 * @param category what the gallery groups by ({@code api}, {@code monitoring}, {@code flow}, ...)
 * @param definition the workflow as it is created
 * @param setup what is left for the person to do after creating it (choose a credential, fill in a URL), in sentences
 * @param credentialsToChoose credential slots deliberately left empty: the only validation errors the template may have
 * @param child a second workflow created alongside and called by the parent's sub-workflow nodes whose
 *     {@code workflowId} is {@value WorkflowTemplates#CHILD_PLACEHOLDER}
 */
public record WorkflowTemplate(String id, String name, String description, String category, WorkflowDefinition definition,
        List<String> setup, List<CredentialToChoose> credentialsToChoose, ChildWorkflow child) {

    public WorkflowTemplate {
        setup = setup == null ? List.of() : List.copyOf(setup);
        credentialsToChoose = credentialsToChoose == null ? List.of() : List.copyOf(credentialsToChoose);
    }

    /** A credential slot of a node that the template leaves for the person to fill. */
    public record CredentialToChoose(String nodeId, String slot) {
    }

    /** The workflow a sub-workflow template calls; it is created first and saved as version 1. */
    public record ChildWorkflow(String name, String description, WorkflowDefinition definition) {
    }
}
