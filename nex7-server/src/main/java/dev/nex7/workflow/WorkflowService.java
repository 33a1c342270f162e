package dev.nex7.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectNotFound;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import dev.nex7.workflow.engine.Execution;
import dev.nex7.workflow.engine.WebhookResponses;
import dev.nex7.workflow.engine.WorkflowEngine;
import dev.nex7.workflow.engine.WorkflowRuns;
import dev.nex7.workflow.nodes.ManualTrigger;
import dev.nex7.workflow.persistence.Workflows;
import tools.jackson.databind.json.JsonMapper;

/**
 * What other modules (the MCP server, the agents' tools) may do with workflows, always as a user and
 * with that user's project roles: list the published workflows, and run one and wait for its result.
 * A workflow is <em>published</em> when it has an active version with a manual trigger; that trigger's
 * {@code inputSchema} parameter (a JSON Schema) describes the input it takes.
 */
@Service
public class WorkflowService {

    /** The schema of a published workflow whose trigger declares none: any object. */
    public static final Map<String, Object> ANY_OBJECT = Map.of("type", "object", "additionalProperties", true);

    /**
     * A workflow others may call.
     *
     * @param inputSchema the JSON Schema of its input (an object schema)
     */
    public record PublishedWorkflow(WorkflowId id, ProjectId projectId, String name, String description, int version,
            Map<String, Object> inputSchema) {
    }

    /**
     * How a run went. {@code finished} is false when the wait ran out first: the execution goes on and
     * can be followed by its id.
     *
     * @param output what the workflow returned: a respond node's body, else the last node's output
     * @param error the failure's message, when it failed
     */
    public record RunOutcome(ExecutionId executionId, String status, boolean finished, Object output, String error) {
    }

    /**
     * A workflow as an agent lists it.
     *
     * @param published whether it can be called (an active version with a manual trigger)
     */
    public record WorkflowEntry(WorkflowId id, String name, String description, Integer activeVersion, boolean published, int nodeCount) {
    }

    /** A recent execution as an agent reads it; {@code error} is the failure's message and {@code failedNode} its node. */
    public record ExecutionEntry(ExecutionId id, WorkflowId workflowId, String status, String mode, java.time.Instant createdAt,
            Long durationMillis, String error, String failedNode) {
    }

    /**
     * Who a running execution acts for, for nodes of other modules (the AI agent node): its project, and
     * the person who started it — or, for runs nobody started (webhooks, schedules, events), the person
     * who last changed the workflow.
     */
    public record RunningAs(ExecutionId execution, WorkflowId workflowId, ProjectId projectId, UserId actingUser, int depth) {
    }

    /** The input does not match the workflow's input schema. */
    public static final class InputRejected extends ApiProblem {
        InputRejected(List<String> problems) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, "workflow-input-invalid", "Input does not match the workflow's schema",
                    String.join("; ", problems));
        }
    }

    private final WorkflowLibrary library;
    private final Workflows workflows;
    private final ProjectAccess access;
    private final WorkflowEngine engine;
    private final WebhookResponses responses;
    private final WorkflowRuns runs;
    private final dev.nex7.workflow.persistence.Executions executions;
    private final dev.nex7.workflow.engine.EngineSettings engineSettings;
    private final JsonMapper json;
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
    private final Map<Map<String, Object>, Schema> compiled = new ConcurrentHashMap<>();

    WorkflowService(WorkflowLibrary library, Workflows workflows, ProjectAccess access, WorkflowEngine engine, WebhookResponses responses,
            WorkflowRuns runs, dev.nex7.workflow.persistence.Executions executions, dev.nex7.workflow.engine.EngineSettings engineSettings,
            JsonMapper json) {
        this.runs = runs;
        this.executions = executions;
        this.engineSettings = engineSettings;
        this.library = library;
        this.workflows = workflows;
        this.access = access;
        this.engine = engine;
        this.responses = responses;
        this.json = json;
    }

    /**
     * The published workflows the user may run (editor or owner), of one project or, when
     * {@code project} is null, of every project the user belongs to.
     */
    public List<PublishedWorkflow> published(UserId user, ProjectId project) {
        List<ProjectId> projects = new ArrayList<>();
        for (ProjectId candidate : project != null ? List.of(project) : access.projectsOf(user)) {
            if (mayRun(candidate, user)) {
                projects.add(candidate);
            }
        }
        List<PublishedWorkflow> published = new ArrayList<>();
        for (Workflow workflow : workflows.listActive(projects)) {
            published(workflow, user).ifPresent(published::add);
        }
        return published;
    }

    /** The project's workflows (the user must be a member), by name, at most {@code limit}. */
    public List<WorkflowEntry> workflows(UserId user, ProjectId project, int limit) {
        var page = new dev.nex7.platform.PageQuery(0, Math.min(limit, dev.nex7.platform.PageQuery.MAX_SIZE), "name", true);
        return library.list(project, user, null, page).items().stream().map(workflow -> new WorkflowEntry(workflow.id(), workflow.name(),
                workflow.description(), workflow.activeVersion(), workflow.activeVersion() != null && published(workflow, user).isPresent(),
                workflow.draft().nodes().size())).toList();
    }

    /**
     * The project's newest executions the user can see, of one workflow when given, only failed ones when
     * {@code failedOnly}, at most {@code limit}.
     */
    public List<ExecutionEntry> recentExecutions(UserId user, ProjectId project, WorkflowId workflow, boolean failedOnly, int limit) {
        var page = new dev.nex7.platform.PageQuery(0, Math.min(limit, dev.nex7.platform.PageQuery.MAX_SIZE), "created_at", false);
        return runs.list(user, project, workflow, failedOnly ? dev.nex7.workflow.engine.ExecutionStatus.FAILED : null, page).items().stream()
                .map(execution -> {
                    Map<String, Object> error = execution.error();
                    Long duration = execution.startedAt() == null || execution.finishedAt() == null ? null
                            : java.time.Duration.between(execution.startedAt(), execution.finishedAt()).toMillis();
                    return new ExecutionEntry(execution.id(), execution.workflowId(), execution.status().id(), execution.mode(),
                            execution.createdAt(), duration, error == null ? null : String.valueOf(error.get("message")),
                            error == null || error.get("nodeId") == null ? null : String.valueOf(error.get("nodeId")));
                }).toList();
    }

    /** One published workflow, if the user may run it. */
    public Optional<PublishedWorkflow> published(WorkflowId id, UserId user) {
        try {
            Workflow workflow = library.require(id, user, ProjectRole.EDITOR);
            return workflow.activeVersion() == null ? Optional.empty() : published(workflow, user);
        } catch (WorkflowNotFound | dev.nex7.project.ProjectRoleTooLow unavailable) {
            return Optional.empty();
        }
    }

    /**
     * Runs a published workflow's active version as {@code user} with {@code input} (checked against its
     * schema), and waits up to {@code wait} for it to end.
     *
     * @param mode what started it, as the execution history shows: {@code mcp}, {@code agent}
     * @throws WorkflowNotFound when it is not published or the user may not run it
     * @throws InputRejected when the input does not match its schema
     */
    public RunOutcome runPublished(UserId user, WorkflowId id, Object input, String mode, Duration wait) throws InterruptedException {
        return run(user, id, input, mode, wait, null, 0);
    }

    private RunOutcome run(UserId user, WorkflowId id, Object input, String mode, Duration wait, ExecutionId parent, int depth)
            throws InterruptedException {
        // One read of the workflow and its active version: the same checks as published(id, user).
        Workflow workflow;
        try {
            workflow = library.require(id, user, ProjectRole.EDITOR);
        } catch (dev.nex7.project.ProjectRoleTooLow tooLow) {
            throw new WorkflowNotFound();
        }
        Integer version = workflow.activeVersion();
        if (version == null) {
            throw new WorkflowNotFound();
        }
        WorkflowDefinition definition = library.version(id, user, version).definition();
        NodeDefinition trigger = manualTrigger(definition).orElseThrow(WorkflowNotFound::new);
        Object given = input == null ? Map.of() : input;
        List<String> problems = check(inputSchema(trigger), given);
        if (!problems.isEmpty()) {
            throw new InputRejected(problems);
        }
        ExecutionId executionId = ExecutionId.random();
        CompletableFuture<WebhookResponses.Reply> reply = responses.expect(executionId);
        try {
            engine.start(new WorkflowEngine.Start(executionId, workflow, definition, version, mode, trigger.id(), given, Map.of(), Map.of(),
                    user.value(), parent, null, depth, List.of()));
            WebhookResponses.Reply answer = reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            // A respond node may answer before the execution ends: its body is the result either way.
            Execution execution = runs.get(executionId, user).execution();
            Map<String, Object> error = execution.error();
            return new RunOutcome(executionId, execution.status().id(), execution.status().finished(),
                    answer.status() < 400 ? answer.body() : null, error == null ? null : String.valueOf(error.get("message")));
        } catch (TimeoutException stillRunning) {
            return new RunOutcome(executionId, "running", false, null, null);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        } finally {
            responses.forget(executionId);
        }
    }

    /** Who the execution acts for; empty when it does not exist (any more). */
    public Optional<RunningAs> runningAs(ExecutionId id) {
        return executions.find(id).flatMap(execution -> workflows.find(execution.workflowId()).map(workflow -> new RunningAs(id,
                execution.workflowId(), execution.projectId(),
                execution.startedBy() != null ? new UserId(execution.startedBy()) : workflow.updatedBy(), execution.depth())));
    }

    /**
     * Like {@link #runPublished(UserId, WorkflowId, Object, String, Duration)}, as a child of a running
     * execution: nested at most {@code nex7.workflow.engine.max-sub-workflow-depth} deep (so workflows
     * calling each other through AI nodes cannot loop for ever), and cancelled with it.
     */
    public RunOutcome runPublishedFrom(RunningAs parent, WorkflowId id, Object input, Duration wait) throws InterruptedException {
        if (parent.depth() + 1 > engineSettings.maxSubWorkflowDepth()) {
            throw new InvalidRequest("workflowId", "workflows may nest " + engineSettings.maxSubWorkflowDepth()
                    + " deep; this call would be level " + (parent.depth() + 1));
        }
        return run(parent.actingUser(), id, input, "subworkflow", wait, parent.execution(), parent.depth() + 1);
    }

    private Optional<PublishedWorkflow> published(Workflow workflow, UserId user) {
        WorkflowDefinition definition = library.version(workflow.id(), user, workflow.activeVersion()).definition();
        return manualTrigger(definition).map(trigger -> new PublishedWorkflow(workflow.id(), workflow.projectId(), workflow.name(),
                workflow.description(), workflow.activeVersion(), inputSchema(trigger)));
    }

    private boolean mayRun(ProjectId project, UserId user) {
        try {
            access.require(project, user, ProjectRole.EDITOR);
            return true;
        } catch (ProjectNotFound | dev.nex7.project.ProjectRoleTooLow notAllowed) {
            return false;
        }
    }

    private static Optional<NodeDefinition> manualTrigger(WorkflowDefinition definition) {
        return definition.nodes().stream().filter(node -> node.type().equals(ManualTrigger.TYPE)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputSchema(NodeDefinition trigger) {
        Object schema = trigger.parameters().get(ManualTrigger.INPUT_SCHEMA);
        if (schema instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.putIfAbsent("type", "object");
            return copy;
        }
        return ANY_OBJECT;
    }

    private List<String> check(Map<String, Object> schema, Object input) {
        Schema validator;
        try {
            validator = compiled.computeIfAbsent(schema, s -> schemas.getSchema(json.valueToTree(s)));
        } catch (RuntimeException invalidSchema) {
            throw new InvalidRequest("inputSchema", "The workflow's input schema is not a valid JSON Schema: " + invalidSchema.getMessage());
        }
        return validator.validate(json.valueToTree(input)).stream().map(Error::toString).limit(20).toList();
    }
}
