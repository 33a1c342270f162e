package dev.nex7.workflow.nodes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Resumption;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.engine.EngineSettings;
import dev.nex7.workflow.engine.Execution;
import dev.nex7.workflow.engine.WorkflowEngine;
import dev.nex7.workflow.persistence.Executions;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.persistence.Workflows;

/**
 * Runs another workflow of the same project (its active version, or a chosen one) as a child execution
 * and, by default, waits durably for it: the child's result leaves on {@code main}, its failure fails
 * this node. The child's id is derived from this node's idempotency key, so a node re-run after a crash
 * finds the child it already started instead of starting a second one. Calls nest at most
 * {@code nex7.workflow.engine.max-sub-workflow-depth} deep, which also stops a workflow calling itself for ever.
 */
@Component
public class SubWorkflow implements NodeType {

    public static final String TYPE = "sub-workflow";
    /** The execution mode of children. */
    public static final String MODE = "subworkflow";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Sub-workflow").category("flow").icon("workflow")
            .description("Runs another workflow of this project with this node's input and passes its result on.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("workflowId", Schema.string().minLength(1).title("Workflow").editor("workflow"), true)
                    .property("version", Schema.integer().minimum(1).title("Version").description("Blank: the active version"), false)
                    .property("waitForCompletion", Schema.bool().defaultValue(true).title("Wait for its result"), false))
            .build();

    private final ObjectProvider<WorkflowEngine> engine;
    private final Workflows workflows;
    private final WorkflowVersions versions;
    private final Executions executions;
    private final EngineSettings settings;

    SubWorkflow(ObjectProvider<WorkflowEngine> engine, Workflows workflows, WorkflowVersions versions, Executions executions,
            EngineSettings settings) {
        this.engine = engine;
        this.workflows = workflows;
        this.versions = versions;
        this.executions = executions;
        this.settings = settings;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        if (context.resumption().isPresent()) {
            return finished(context.resumption().get());
        }
        Execution parent = executions.find(ExecutionId.parse(context.executionId()))
                .orElseThrow(() -> NodeFailure.permanent("engine-error", "The running execution is missing."));
        if (parent.depth() + 1 > settings.maxSubWorkflowDepth()) {
            throw NodeFailure.permanent("sub-workflow-depth", "Sub-workflows may nest " + settings.maxSubWorkflowDepth()
                    + " deep; this call would be level " + (parent.depth() + 1) + ".");
        }
        Workflow child = child(context, parent);
        Object version = context.parameters().get("version");
        Integer number = version instanceof Number n ? n.intValue() : child.activeVersion();
        if (number == null) {
            throw NodeFailure.permanent("sub-workflow-inactive", "Workflow " + child.id() + " has no active version; choose a version.");
        }
        WorkflowDefinition definition = versions.find(child.id(), number)
                .orElseThrow(() -> NodeFailure.permanent("sub-workflow-version", "Workflow " + child.id() + " has no version " + number + "."))
                .definition();
        ExecutionId childId = new ExecutionId(UUID.nameUUIDFromBytes(context.idempotencyKey().getBytes(StandardCharsets.UTF_8)));
        if (executions.find(childId).isEmpty()) {
            try {
                engine.getObject().start(new WorkflowEngine.Start(childId, child, definition, number, MODE, null, context.input(), Map.of(),
                        Map.of(), parent.startedBy(), parent.id(), null, parent.depth() + 1, List.of()));
            } catch (DuplicateKeyException alreadyStarted) {
                // Started by an earlier run of this attempt whose result was not recorded.
            } catch (IllegalArgumentException noTrigger) {
                throw NodeFailure.permanent("sub-workflow-invalid", "Workflow " + child.id() + " cannot be started: " + noTrigger.getMessage());
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("childExecutionId", childId.toString());
        if (Boolean.FALSE.equals(context.parameters().get("waitForCompletion"))) {
            return NodeOutcome.emit(state);
        }
        return NodeOutcome.suspendForSignal(state);
    }

    private Workflow child(NodeContext context, Execution parent) throws NodeFailure {
        WorkflowId id;
        try {
            id = new WorkflowId(UUID.fromString(String.valueOf(context.parameters().get("workflowId")).strip()));
        } catch (IllegalArgumentException notAnId) {
            throw NodeFailure.permanent("invalid-parameters", "workflowId is not a workflow id.");
        }
        // Another project's workflow is reported exactly like a missing one.
        return workflows.find(id).filter(found -> found.projectId().equals(parent.projectId()))
                .orElseThrow(() -> NodeFailure.permanent("sub-workflow-not-found", "This project has no workflow " + id + "."));
    }

    private static NodeOutcome finished(Resumption resumption) throws NodeFailure {
        if (!(resumption.signal() instanceof Map<?, ?> result)) {
            throw NodeFailure.permanent("engine-error", "The sub-workflow's result is missing.");
        }
        if (!"succeeded".equals(result.get("status"))) {
            throw NodeFailure.permanent("sub-workflow-failed", "Sub-workflow execution " + result.get("executionId") + " "
                    + result.get("status") + ": " + result.get("message"));
        }
        return NodeOutcome.emit(result.get("output"));
    }
}
