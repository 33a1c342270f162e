package dev.nex7.workflow.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.nex7.identity.UserId;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.plugin.node.Port;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.ExpressionScope;
import dev.nex7.workflow.expression.Expressions;
import dev.nex7.workflow.persistence.Executions;
import dev.nex7.workflow.persistence.WorkflowVersions;

/**
 * The editor's live preview of a {@code {{ }}} template: evaluated by the engine's own expression
 * evaluator (same time, size and construct limits) against what a node had in a past execution:
 * its main input, earlier nodes' outputs by name, {@code $execution} and {@code $workflow}. Only the
 * given text is evaluated; credentials are never in scope, and recorded outputs are already redacted.
 */
@Service
public class ExpressionPreview {

    /** The longest template previewed; parameters are far shorter in practice. */
    public static final int MAX_LENGTH = 10_000;

    /** How many recent executions are searched for one that ran the node's inputs. */
    private static final int RECENT = 20;

    private final WorkflowLibrary library;
    private final Executions executions;
    private final WorkflowVersions versions;
    private final Expressions expressions;

    ExpressionPreview(WorkflowLibrary library, Executions executions, WorkflowVersions versions, Expressions expressions) {
        this.library = library;
        this.executions = executions;
        this.versions = versions;
        this.expressions = expressions;
    }

    /**
     * The value and the execution whose data it was evaluated against ({@code null} when none has run
     * the node's inputs yet: then {@code $input} is null and {@code $node} empty).
     */
    public record Preview(Object value, ExecutionId executionId) {
    }

    /** Previews {@code template} for {@code nodeId} of the draft (editors), against {@code executionId} or the latest suitable run. */
    public Preview preview(WorkflowId id, UserId user, String template, String nodeId, ExecutionId executionId) {
        Workflow workflow = library.require(id, user, ProjectRole.EDITOR);
        if (template == null) {
            throw new InvalidRequest("expression", "expression is required.");
        }
        if (template.length() > MAX_LENGTH) {
            throw new InvalidRequest("expression", "An expression has at most " + MAX_LENGTH + " characters.");
        }
        if (nodeId == null || workflow.draft().node(nodeId).isEmpty()) {
            throw new InvalidRequest("nodeId", "The draft has no node " + nodeId + ".");
        }
        WorkflowDefinition draft = workflow.draft();
        Optional<Execution> source = executionId == null ? latestFeeding(id, workflow, nodeId) : Optional.of(ofWorkflow(executionId, id));
        ExpressionScope scope = source.map(execution -> scope(draft, nodeId, execution)).orElse(ExpressionScope.ofInput(null));
        try {
            return new Preview(expressions.resolve(template, scope), source.map(Execution::id).orElse(null));
        } catch (ExpressionFailure failure) {
            throw new ExpressionInvalid(failure.code(), failure.getMessage());
        }
    }

    private Execution ofWorkflow(ExecutionId executionId, WorkflowId workflow) {
        return executions.find(executionId).filter(execution -> execution.workflowId().equals(workflow)).orElseThrow(ExecutionNotFound::new);
    }

    /** The newest recent execution in which a node connected to {@code nodeId} delivered (or that {@code nodeId} triggered). */
    private Optional<Execution> latestFeeding(WorkflowId id, Workflow workflow, String nodeId) {
        List<EdgeDefinition> into = workflow.draft().edgesInto(nodeId);
        List<Execution> recent = executions.list(List.of(workflow.projectId()), id, null, new PageQuery(0, RECENT, "created_at", false));
        Map<ExecutionId, List<NodeRun>> runs = executions.runs(recent.stream().map(Execution::id).toList());
        return recent.stream().filter(execution -> {
            if (nodeId.equals(execution.triggerNode())) {
                return true;
            }
            List<NodeRun> ran = runs.containsKey(execution.id()) ? runs.get(execution.id()) : executions.history(execution.id());
            return into.stream().anyMatch(edge -> ran.stream()
                    .anyMatch(run -> run.nodeId().equals(edge.source()) && run.delivered(edge.sourcePort())));
        }).findFirst();
    }

    private ExpressionScope scope(WorkflowDefinition draft, String nodeId, Execution execution) {
        List<NodeRun> runs = executions.history(execution.id());
        WorkflowDefinition ran = versions.snapshot(execution.snapshotHash()).orElse(WorkflowDefinition.empty());
        Object input = null;
        if (nodeId.equals(execution.triggerNode())) {
            input = execution.input();
        }
        for (EdgeDefinition edge : draft.edgesInto(nodeId)) {
            if (input != null) {
                break;
            }
            input = runs.stream().filter(run -> run.nodeId().equals(edge.source()) && run.delivered(edge.sourcePort())).findFirst()
                    .map(run -> run.output().get(edge.sourcePort())).orElse(null);
        }
        // $node["Name"] as the engine builds it, by the names the author sees now (the draft's) where the node still exists.
        Map<String, Object> byName = new LinkedHashMap<>();
        for (NodeRun run : runs) {
            if (run.output() == null || run.output().isEmpty()) {
                continue;
            }
            Object value = run.output().containsKey(Port.MAIN) ? run.output().get(Port.MAIN) : run.output().values().iterator().next();
            String name = draft.node(run.nodeId()).or(() -> ran.node(run.nodeId())).map(NodeDefinition::displayName).orElse(run.nodeId());
            byName.put(name, value);
        }
        return new ExpressionScope(input, byName, WorkflowEngine.executionInfo(execution), WorkflowEngine.workflowInfo(execution));
    }
}
