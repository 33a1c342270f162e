package dev.nex7.workflow.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.nex7.identity.UserId;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import dev.nex7.workflow.persistence.Executions;
import dev.nex7.workflow.persistence.WorkflowVersions;

/**
 * Executions as people see them: manual runs, the history, cancel, retry from the failed node and
 * re-run from any node. Viewers read; editors run.
 */
@Service
public class WorkflowRuns {

    public static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "finishedAt", "finished_at", "status", "status");

    private final WorkflowLibrary library;
    private final WorkflowEngine engine;
    private final Executions executions;
    private final WorkflowVersions versions;
    private final ProjectAccess access;
    private final Clock clock;

    WorkflowRuns(WorkflowLibrary library, WorkflowEngine engine, Executions executions, WorkflowVersions versions,
            ProjectAccess access, Clock clock) {
        this.clock = clock;
        this.library = library;
        this.engine = engine;
        this.executions = executions;
        this.versions = versions;
        this.access = access;
    }

    /** An execution with its node runs. */
    /** @param iterations the node runs of loop iterations, by scope ({@code loopId#n}) */
    public record Detail(Execution execution, WorkflowDefinition definition, List<NodeRun> runs, Map<String, List<NodeRun>> iterations) {
    }

    /** Runs the draft (or a version) now, with optional input and pinned node outputs. */
    public Execution run(WorkflowId id, UserId user, Integer version, Object input, Map<String, Object> pinned) {
        Workflow workflow = library.require(id, user, ProjectRole.EDITOR);
        WorkflowDefinition definition = version == null ? workflow.draft() : library.version(id, user, version).definition();
        library.requireValid(workflow, definition);
        checkNodes(definition, pinned == null ? Set.of() : pinned.keySet(), "pinned");
        return engine.start(new WorkflowEngine.Start(null, workflow, definition, version, "manual", null, input == null ? Map.of() : input,
                pinned, Map.of(), user.value(), null, null, 0, List.of()));
    }

    public Detail get(ExecutionId id, UserId user) {
        Execution execution = visible(id, user, ProjectRole.VIEWER);
        WorkflowDefinition definition = versions.snapshot(execution.snapshotHash()).orElse(WorkflowDefinition.empty());
        return new Detail(execution, definition, executions.history(id), executions.iterationRuns(id));
    }

    public PageView<Execution> list(UserId user, WorkflowId workflow, ExecutionStatus status, PageQuery page) {
        return list(user, null, workflow, status, page);
    }

    /** The executions the user can see, optionally of one project (which the user must be a member of) or one workflow. */
    public PageView<Execution> list(UserId user, ProjectId project, WorkflowId workflow, ExecutionStatus status, PageQuery page) {
        List<ProjectId> projects;
        if (workflow != null) {
            ProjectId owning = library.require(workflow, user, ProjectRole.VIEWER).projectId();
            projects = project == null || project.equals(owning) ? List.of(owning) : List.of();
        } else if (project != null) {
            access.require(project, user, ProjectRole.VIEWER);
            projects = List.of(project);
        } else {
            projects = access.projectsOf(user);
        }
        long total = projects.isEmpty() ? 0 : executions.count(projects, workflow, status);
        List<Execution> items = projects.isEmpty() ? List.of() : executions.list(projects, workflow, status, page);
        return new PageView<>(items, page.page(), page.size(), total, (int) ((total + page.size() - 1) / page.size()));
    }

    public void cancel(ExecutionId id, UserId user) {
        visible(id, user, ProjectRole.EDITOR);
        if (!engine.cancel(id)) {
            throw new ExecutionConflict("The execution has already finished.");
        }
    }

    /**
     * Approves or rejects a waiting human-approval node. Only members with the role the node asks for
     * may decide, and only once: a second decision (or one for a node that is not waiting) is a conflict.
     */
    public Map<String, Object> decide(ExecutionId id, String nodeId, UserId user, boolean approve, String comment) {
        Execution execution = visible(id, user, ProjectRole.VIEWER);
        NodeRun waiting = executions.runs(id).stream()
                .filter(run -> run.nodeId().equals(nodeId) && run.status() == NodeRunStatus.WAITING && run.state() instanceof Map<?, ?> state
                        && state.containsKey("approverRole"))
                .findFirst().orElseThrow(() -> new ExecutionConflict("Node " + nodeId + " is not waiting for an approval."));
        ProjectRole role = "owner".equals(((Map<?, ?>) waiting.state()).get("approverRole")) ? ProjectRole.OWNER : ProjectRole.EDITOR;
        access.require(execution.projectId(), user, role);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", approve ? "approve" : "reject");
        decision.put("comment", comment);
        decision.put("decidedBy", user.value().toString());
        decision.put("decidedAt", clock.instant().toString());
        if (!engine.signal(execution.id(), nodeId, decision)) {
            throw new ExecutionConflict("Node " + nodeId + " has already been decided.");
        }
        return decision;
    }

    /**
     * A human-approval node waiting for a decision, as the approvals list shows it.
     *
     * @param message what the approver is asked (expressions already evaluated)
     * @param approverRole who may decide: editor or owner
     * @param input what reached the node, for the approver to look at
     * @param timeoutAt when the node gives up and leaves by its timeout port; {@code null} waits for ever
     * @param canDecide whether the caller's role in the project allows deciding
     */
    public record PendingApproval(ExecutionId executionId, WorkflowId workflowId, String workflowName, ProjectId projectId, String nodeId,
            String nodeName, String message, String approverRole, Object input, java.time.Instant requestedAt, java.time.Instant timeoutAt,
            boolean canDecide) {
    }

    /** The approvals waiting for a decision in the user's projects, oldest first. Viewers see them but cannot decide. */
    public PageView<PendingApproval> approvals(UserId user, PageQuery page) {
        List<ProjectId> projects = access.projectsOf(user);
        long total = projects.isEmpty() ? 0 : executions.countWaitingApprovals(projects);
        Map<String, WorkflowDefinition> snapshots = new HashMap<>();
        Map<ProjectId, ProjectRole> roles = new HashMap<>();
        List<PendingApproval> items = (projects.isEmpty() ? List.<Executions.WaitingApproval>of() : executions.waitingApprovals(projects, page))
                .stream().map(waiting -> {
                    WorkflowDefinition definition = snapshots.computeIfAbsent(waiting.snapshotHash(),
                            hash -> versions.snapshot(hash).orElse(WorkflowDefinition.empty()));
                    String nodeName = definition.node(waiting.nodeId()).map(NodeDefinition::displayName).orElse(waiting.nodeId());
                    Map<String, Object> state = waiting.state();
                    String approverRole = String.valueOf(state.get("approverRole"));
                    ProjectRole role = roles.computeIfAbsent(waiting.projectId(), project -> access.require(project, user, ProjectRole.VIEWER));
                    boolean canDecide = role.includes("owner".equals(approverRole) ? ProjectRole.OWNER : ProjectRole.EDITOR);
                    return new PendingApproval(waiting.executionId(), waiting.workflowId(), waiting.workflowName(), waiting.projectId(),
                            waiting.nodeId(), nodeName, String.valueOf(state.get("message")), approverRole, state.get("input"),
                            waiting.requestedAt(), waiting.timeoutAt(), canDecide);
                }).toList();
        return new PageView<>(items, page.page(), page.size(), total, (int) ((total + page.size() - 1) / page.size()));
    }

    /** A new execution of the same definition that reuses every succeeded node run and runs the rest again. */
    public Execution retry(ExecutionId id, UserId user) {
        Detail detail = get(id, user);
        Execution failed = visible(id, user, ProjectRole.EDITOR);
        if (failed.status() != ExecutionStatus.FAILED && failed.status() != ExecutionStatus.CANCELLED) {
            throw new ExecutionConflict("Only failed or cancelled executions can be retried.");
        }
        List<NodeRun> reused = detail.runs().stream().filter(run -> run.status() == NodeRunStatus.SUCCEEDED).toList();
        return restart(failed, detail.definition(), user, "retry", reused, Map.of());
    }

    /**
     * A new execution that reuses the runs of every node that is not {@code fromNode} or after it, and
     * runs {@code fromNode} again (with {@code input} instead of what reached it, when given).
     */
    public Execution rerun(ExecutionId id, UserId user, String fromNode, Object input, boolean inputGiven) {
        Detail detail = get(id, user);
        Execution original = visible(id, user, ProjectRole.EDITOR);
        if (!original.status().finished()) {
            throw new ExecutionConflict("Wait until the execution has finished, or cancel it.");
        }
        if (detail.definition().node(fromNode).isEmpty()) {
            throw new InvalidRequest("fromNode", "The execution's workflow has no node " + fromNode + ".");
        }
        Set<String> downstream = downstreamOf(detail.definition(), fromNode);
        List<NodeRun> reused = detail.runs().stream()
                .filter(run -> run.status() == NodeRunStatus.SUCCEEDED && !downstream.contains(run.nodeId())).toList();
        Map<String, Object> overrides = new java.util.HashMap<>();
        if (inputGiven) {
            overrides.put(fromNode, input);
        }
        return restart(original, detail.definition(), user, "rerun", reused, overrides);
    }

    private Execution restart(Execution original, WorkflowDefinition definition, UserId user, String mode, List<NodeRun> reused,
            Map<String, Object> overrides) {
        Workflow workflow = library.require(original.workflowId(), user, ProjectRole.EDITOR);
        return engine.start(new WorkflowEngine.Start(null, workflow, definition, original.version(), mode, original.triggerNode(),
                original.input(), original.pinned(), overrides, user.value(), null, original.id(), original.depth(), reused));
    }

    /** The node and every node reachable from it. */
    static Set<String> downstreamOf(WorkflowDefinition definition, String nodeId) {
        Set<String> seen = new HashSet<>();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(List.of(nodeId));
        while (!pending.isEmpty()) {
            String id = pending.poll();
            if (seen.add(id)) {
                definition.edgesOutOf(id).stream().map(EdgeDefinition::target).forEach(pending::add);
            }
        }
        return seen;
    }

    private static void checkNodes(WorkflowDefinition definition, Set<String> ids, String field) {
        for (String id : ids) {
            if (definition.node(id).isEmpty()) {
                throw new InvalidRequest(field + "." + id, "The workflow has no node " + id + ".");
            }
        }
    }

    private Execution visible(ExecutionId id, UserId user, ProjectRole role) {
        Execution execution = executions.find(id).orElseThrow(ExecutionNotFound::new);
        try {
            access.require(execution.projectId(), user, role);
        } catch (dev.nex7.project.ProjectNotFound notMember) {
            throw new ExecutionNotFound();
        }
        return execution;
    }
}
