package dev.nex7.workflow.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nex7.workflow.catalog.ValidationProblem;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowVersion;

/** What the workflow API answers with. */
final class WorkflowViews {

    private WorkflowViews() {
    }

    /**
     * A workflow with its draft.
     *
     * @param draftRevision the draft's revision; the {@code ETag} header carries it for {@code If-Match}
     * @param webhookPath where the active version's webhook trigger listens (the token in it is a secret)
     */
    record WorkflowView(UUID id, UUID projectId, String name, String description, WorkflowDefinition draft, long draftRevision,
            Integer activeVersion, String webhookPath, UUID createdBy, Instant createdAt, UUID updatedBy, Instant updatedAt) {

        static WorkflowView of(Workflow workflow) {
            return new WorkflowView(workflow.id().value(), workflow.projectId().value(), workflow.name(), workflow.description(),
                    workflow.draft(), workflow.draftRevision(), workflow.activeVersion(), "/webhook/" + workflow.webhookToken(),
                    workflow.createdBy().value(), workflow.createdAt(), workflow.updatedBy().value(), workflow.updatedAt());
        }
    }

    /** A workflow in a list. */
    record WorkflowSummary(UUID id, String name, String description, int nodeCount, Integer activeVersion, UUID updatedBy,
            Instant updatedAt) {

        static WorkflowSummary of(Workflow workflow) {
            return new WorkflowSummary(workflow.id().value(), workflow.name(), workflow.description(), workflow.draft().nodes().size(),
                    workflow.activeVersion(), workflow.updatedBy().value(), workflow.updatedAt());
        }
    }

    /** A saved version; the definition only when one version is asked for. */
    record VersionView(int version, String message, UUID createdBy, Instant createdAt, WorkflowDefinition definition) {

        static VersionView of(WorkflowVersion version) {
            return new VersionView(version.version(), version.message(), version.createdBy().value(), version.createdAt(),
                    version.definition());
        }
    }

    /** The outcome of validating a definition: errors block saving a version and running. */
    record ValidationView(boolean valid, List<ValidationProblem> problems) {
    }

    /** @param templateId create from this template instead (then definition must be left out; name defaults to the template's) */
    record CreateWorkflowRequest(String name, String description, WorkflowDefinition definition, String templateId) {
    }

    /** A draft save: every member is optional; what is given replaces what was there. */
    record SaveDraftRequest(String name, String description, WorkflowDefinition definition) {
    }

    record SaveVersionRequest(String message) {
    }

    /** The version webhook, schedule and event triggers run; {@code null} turns them off. */
    record ActivationRequest(Integer version) {
    }
}
