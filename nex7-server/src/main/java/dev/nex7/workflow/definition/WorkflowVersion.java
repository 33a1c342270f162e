package dev.nex7.workflow.definition;

import java.time.Instant;

import dev.nex7.identity.UserId;

/** An immutable, numbered snapshot of a workflow's definition. */
public record WorkflowVersion(int version, WorkflowDefinition definition, String message, UserId createdBy, Instant createdAt) {
}
