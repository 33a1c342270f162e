/**
 * Workflows: definitions with a draft and immutable versions, the node catalog, validation, and the
 * durable engine that runs them. Other modules reference workflows and executions by
 * {@link dev.nex7.workflow.WorkflowId} and {@link dev.nex7.workflow.ExecutionId} and react to
 * {@link dev.nex7.workflow.WorkflowEvents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow")
package dev.nex7.workflow;
