package dev.nex7.workflow.trigger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.engine.WorkflowEngine;
import dev.nex7.workflow.persistence.Executions;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.persistence.Workflows;

/**
 * How every trigger here starts an execution: the workflow's active version, queued in the caller's
 * transaction under an execution id derived from what fired it, so that firing the same thing twice
 * (a retried event, two instances racing) starts one execution. The engine is asked to poll once the
 * transaction has committed, so the execution runs here at once when this instance has room.
 */
@Component
class TriggerStarts {

    /** Modes of executions whose own events and failures start nothing: no trigger chains. */
    private static final Set<String> TRIGGERED_MODES = Set.of("event", "error");

    private static final Object POLL_AFTER_COMMIT = new Object();

    private final Workflows workflows;
    private final WorkflowVersions versions;
    private final Executions executions;
    private final WorkflowEngine engine;

    TriggerStarts(Workflows workflows, WorkflowVersions versions, Executions executions, WorkflowEngine engine) {
        this.workflows = workflows;
        this.versions = versions;
        this.executions = executions;
        this.engine = engine;
    }

    /** Whether an execution of this mode was started by an event or error trigger, so that what it reports starts nothing. */
    static boolean startedByTrigger(String mode) {
        return mode != null && TRIGGERED_MODES.contains(mode);
    }

    /** A trigger node of a workflow's active version. */
    record Active(Workflow workflow, int version, WorkflowDefinition definition, NodeDefinition node) {
    }

    /** The trigger node {@code nodeId} of the workflow's active version, when it is active and has that node of that type. */
    Optional<Active> active(WorkflowId id, String nodeId, String type) {
        return workflows.find(id).filter(workflow -> workflow.activeVersion() != null).flatMap(workflow ->
                versions.find(id, workflow.activeVersion()).flatMap(version -> version.definition().node(nodeId)
                        .filter(node -> type.equals(node.type()))
                        .map(node -> new Active(workflow, version.version(), version.definition(), node))));
    }

    /**
     * Queues an execution of the active version from its trigger node, unless the execution with this
     * id exists already. Call inside a transaction.
     *
     * @param cause names what fired, uniquely and stably: the execution id is derived from it
     * @return whether an execution was queued
     */
    boolean start(Active active, String mode, String cause, Object input) {
        ExecutionId id = new ExecutionId(UUID.nameUUIDFromBytes((mode + ":" + active.workflow().id() + ":" + active.node().id() + ":" + cause)
                .getBytes(StandardCharsets.UTF_8)));
        if (executions.find(id).isPresent()) {
            return false;
        }
        engine.enqueue(new WorkflowEngine.Start(id, active.workflow(), active.definition(), active.version(), mode, active.node().id(),
                input, Map.of(), Map.of(), null, null, null, 0, List.of()));
        pollAfterCommit();
        return true;
    }

    private void pollAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            engine.poll();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(POLL_AFTER_COMMIT)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(POLL_AFTER_COMMIT, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                // Still inside the committed transaction's resources here: polling on this thread would join them.
                Thread.ofVirtual().name("nex7-trigger-poll").start(engine::poll);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(POLL_AFTER_COMMIT);
            }
        });
    }
}
