package dev.nex7.workflow.definition;

import java.time.Instant;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.WorkflowId;

/**
 * A workflow: its editable draft (with a revision number for optimistic locking), the version its
 * triggers serve, and the secret token in its webhook URL.
 */
public record Workflow(
        WorkflowId id,
        ProjectId projectId,
        String name,
        String description,
        WorkflowDefinition draft,
        long draftRevision,
        Integer activeVersion,
        String webhookToken,
        UserId createdBy,
        Instant createdAt,
        UserId updatedBy,
        Instant updatedAt) {

    /** The draft's entity tag: a strong ETag over the revision number. */
    public String etag() {
        return "\"" + draftRevision + "\"";
    }
}
