package dev.nex7.workflow.definition;

import dev.nex7.identity.UserId;
import dev.nex7.workflow.WorkflowId;

/**
 * A workflow's draft was saved (published inside the saving transaction; carries ids only).
 *
 * @param revision the draft revision the save made
 * @param merged whether the collaboration server saved it from the merged collaborative document
 *     (otherwise a person saved it through the API: the draft, a restored version), so that the
 *     collaboration server does not take its own save for a change to relay
 */
public record DraftSaved(WorkflowId workflowId, long revision, UserId savedBy, boolean merged) {
}
