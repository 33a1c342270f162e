package dev.nex7.workflow.web;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.WorkflowLibrary;
import dev.nex7.workflow.engine.Execution;
import dev.nex7.workflow.engine.ExecutionStatus;
import dev.nex7.workflow.engine.LiveEvent;
import dev.nex7.workflow.engine.LiveEvents;
import dev.nex7.workflow.engine.NodeRun;
import dev.nex7.workflow.engine.WorkflowRuns;
import dev.nex7.workflow.web.ExecutionViews.ApprovalView;
import dev.nex7.workflow.web.ExecutionViews.ExecutionDetail;
import dev.nex7.workflow.web.ExecutionViews.ExecutionSummary;
import dev.nex7.workflow.web.ExecutionViews.NodeRunView;
import dev.nex7.workflow.web.ExecutionViews.RunRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Runs, the execution history, cancel, retry, re-run, and the live event streams the canvas listens to. */
@RestController
@Tag(name = "Executions")
class ExecutionsController {

    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

    private final WorkflowRuns runs;
    private final WorkflowLibrary library;
    private final LiveEvents live;
    private final dev.nex7.workflow.catalog.NodeCatalog catalog;

    ExecutionsController(WorkflowRuns runs, WorkflowLibrary library, LiveEvents live, dev.nex7.workflow.catalog.NodeCatalog catalog) {
        this.catalog = catalog;
        this.runs = runs;
        this.library = library;
        this.live = live;
    }

    @PostMapping("/api/workflows/{workflowId}/executions")
    @Operation(summary = "Run the draft (or a version) now (editor)",
            description = "With optional input for the trigger and pinned outputs (node id → value) used instead of running those nodes.")
    @ApiResponse(responseCode = "202", description = "Started; follow it at Location or its events stream")
    @ApiResponse(responseCode = "400", description = "The workflow is not valid (problems lists why)")
    ResponseEntity<ExecutionSummary> run(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId,
            @RequestBody(required = false) RunRequest request) {
        RunRequest given = request == null ? new RunRequest(null, null, null) : request;
        return accepted(runs.run(new WorkflowId(workflowId), user.id(), given.version(), given.input(), given.pinned()));
    }

    @GetMapping("/api/executions")
    @Operation(summary = "Executions you can see, newest first",
            description = "Filter by projectId, workflowId and status; sortable by createdAt, finishedAt, status.")
    @ApiResponse(responseCode = "200", description = "A page of executions")
    @ApiResponse(responseCode = "404", description = "No such project or workflow, or you are not a member")
    PageView<ExecutionSummary> list(@AuthenticationPrincipal AuthenticatedUser user, @RequestParam(required = false) UUID projectId,
            @RequestParam(required = false) UUID workflowId,
            @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
        ExecutionStatus wanted = null;
        if (status != null) {
            try {
                wanted = ExecutionStatus.of(status);
            } catch (IllegalArgumentException unknown) {
                throw new InvalidRequest("status", "status is one of queued, running, waiting, succeeded, failed, cancelled.");
            }
        }
        PageView<Execution> found = runs.list(user.id(), projectId == null ? null : new ProjectId(projectId),
                workflowId == null ? null : new WorkflowId(workflowId), wanted,
                PageQuery.parse(page, size, sort, WorkflowRuns.SORTS, "createdAt,desc"));
        return new PageView<>(found.items().stream().map(ExecutionSummary::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @GetMapping("/api/executions/{executionId}")
    @Operation(summary = "An execution with every node run: input, output, error, attempts, timings")
    @ApiResponse(responseCode = "200", description = "The execution")
    @ApiResponse(responseCode = "404", description = "No such execution, or you are not a member of its project")
    ExecutionDetail get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId) {
        WorkflowRuns.Detail detail = runs.get(new ExecutionId(executionId), user.id());
        Map<String, NodeRun> byNode = new LinkedHashMap<>();
        detail.runs().forEach(run -> byNode.put(run.nodeId(), run));
        List<NodeRunView> nodes = detail.runs().stream().map(run -> ExecutionViews.view(run, inputOf(detail, byNode, run.nodeId()))).toList();
        Map<String, List<NodeRunView>> iterations = new LinkedHashMap<>();
        detail.iterations().forEach((scope, scoped) -> {
            Map<String, NodeRun> byNodeInScope = new LinkedHashMap<>();
            scoped.forEach(run -> byNodeInScope.put(run.nodeId(), run));
            iterations.put(scope, scoped.stream().map(run -> ExecutionViews.view(run, inputOf(detail, byNodeInScope, run.nodeId()))).toList());
        });
        return new ExecutionDetail(ExecutionSummary.of(detail.execution()), detail.execution().input(), detail.execution().pinned(),
                detail.definition(), nodes, iterations);
    }

    /** What reached a node: the outputs of the runs connected to its inputs (or the trigger input, or an override). */
    private Map<String, Object> inputOf(WorkflowRuns.Detail detail, Map<String, NodeRun> byNode, String nodeId) {
        Map<String, Object> input = new LinkedHashMap<>();
        Execution execution = detail.execution();
        if (nodeId.equals(execution.triggerNode())) {
            input.put("main", execution.input());
        }
        for (EdgeDefinition edge : detail.definition().edgesInto(nodeId)) {
            NodeRun source = byNode.get(edge.source());
            if (source != null && source.delivered(edge.sourcePort()) && !input.containsKey(edge.targetPort())) {
                input.put(edge.targetPort(), source.output().get(edge.sourcePort()));
            }
        }
        if (execution.overrides().containsKey(nodeId)) {
            input.clear();
            input.put(detail.definition().node(nodeId).flatMap(node -> catalog.find(node.type(), node.typeVersion()))
                    .filter(type -> !type.descriptor().inputs().isEmpty()).map(type -> type.descriptor().inputs().getFirst().name())
                    .orElse("main"), execution.overrides().get(nodeId));
        }
        return input;
    }

    @PostMapping("/api/executions/{executionId}/cancel")
    @Operation(summary = "Cancel an unfinished execution (editor)")
    @ApiResponse(responseCode = "202", description = "Cancellation requested; running nodes are interrupted")
    @ApiResponse(responseCode = "409", description = "The execution has already finished")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId) {
        runs.cancel(new ExecutionId(executionId), user.id());
        return ResponseEntity.accepted().build();
    }

    /** A decision on a human-approval node. */
    record DecisionRequest(@NotNull @Pattern(regexp = "approve|reject",
            message = "decision is approve or reject") String decision,
            @Size(max = 2000) String comment) {
    }

    @PostMapping("/api/executions/{executionId}/approvals/{nodeId}")
    @Operation(summary = "Approve or reject a waiting human-approval node (the role the node names: editor or owner)",
            description = "The execution continues by the node's approved or rejected port. Decided once: a second decision is 409.")
    @ApiResponse(responseCode = "200", description = "The decision as recorded")
    @ApiResponse(responseCode = "409", description = "The node is not waiting for a decision (any more)")
    Map<String, Object> decide(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId, @PathVariable String nodeId,
            @Valid @RequestBody DecisionRequest request) {
        return runs.decide(new ExecutionId(executionId), nodeId, user.id(), "approve".equals(request.decision()), request.comment());
    }

    @GetMapping("/api/approvals")
    @Operation(summary = "Human approvals waiting for a decision in your projects, oldest first",
            description = "Each with the message and input the approver is shown, when it was asked, when it times out and whether you may decide.")
    @ApiResponse(responseCode = "200", description = "A page of pending approvals")
    PageView<ApprovalView> approvals(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageView<WorkflowRuns.PendingApproval> found = runs.approvals(user.id(),
                PageQuery.parse(page, size, null, Map.of("requestedAt", "started_at"), "requestedAt,asc"));
        return new PageView<>(found.items().stream().map(ApprovalView::of).toList(), found.page(), found.size(), found.totalItems(),
                found.totalPages());
    }

    @PostMapping("/api/executions/{executionId}/retry")
    @Operation(summary = "Retry a failed execution from its failed node (editor)", description = "Succeeded nodes' outputs are reused, not run again.")
    @ApiResponse(responseCode = "202", description = "The new execution")
    @ApiResponse(responseCode = "409", description = "The execution did not fail")
    ResponseEntity<ExecutionSummary> retry(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId) {
        return accepted(runs.retry(new ExecutionId(executionId), user.id()));
    }

    @PostMapping("/api/executions/{executionId}/rerun")
    @Operation(summary = "Fork a finished execution from any node (editor)",
            description = "Nodes before fromNode keep their outputs; fromNode and what follows run again. "
                    + "A body {\"input\": …} replaces what reaches fromNode.")
    @ApiResponse(responseCode = "202", description = "The new execution")
    ResponseEntity<ExecutionSummary> rerun(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId,
            @RequestParam String fromNode, @RequestBody(required = false) Map<String, Object> body) {
        if (body != null && !body.keySet().stream().allMatch("input"::equals)) {
            throw new InvalidRequest("body", "The body may only have an input member.");
        }
        boolean inputGiven = body != null && body.containsKey("input");
        return accepted(runs.rerun(new ExecutionId(executionId), user.id(), fromNode, inputGiven ? body.get("input") : null, inputGiven));
    }

    @GetMapping(path = "/api/executions/{executionId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events of one execution (server-sent events)",
            description = "First a `snapshot` event with the execution and its recorded node runs, then `node` and `execution` events; "
                    + "the stream ends when the execution finishes.")
    @ApiResponse(responseCode = "200", description = "The event stream")
    SseEmitter executionEvents(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID executionId) throws IOException {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        // Subscribe first, then read: an event can be seen twice, never missed. Events that arrive before
        // the snapshot is out wait for it, so the snapshot always comes first (and a fast execution's last
        // event cannot end the stream before it).
        List<LiveEvent> early = new ArrayList<>();
        boolean[] snapshotSent = new boolean[1];
        Runnable unsubscribe = live.subscribe(executionId.toString(), event -> {
            synchronized (emitter) {
                if (snapshotSent[0]) {
                    send(emitter, event, last(event));
                } else {
                    early.add(event);
                }
            }
        });
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(failure -> unsubscribe.run());
        ExecutionDetail snapshot;
        try {
            snapshot = get(user, executionId);
        } catch (RuntimeException notVisible) {
            unsubscribe.run();
            throw notVisible;
        }
        synchronized (emitter) {
            emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
            snapshotSent[0] = true;
            if (snapshot.execution().status().finished()) {
                emitter.complete();
                return emitter;
            }
            for (LiveEvent event : early) {
                send(emitter, event, last(event));
                if (last(event)) {
                    break;
                }
            }
        }
        return emitter;
    }

    @GetMapping(path = "/api/workflows/{workflowId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live events of every execution of a workflow (server-sent events)")
    @ApiResponse(responseCode = "200", description = "The event stream")
    SseEmitter workflowEvents(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) throws IOException {
        library.require(new WorkflowId(workflowId), user.id(), ProjectRole.VIEWER);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        Runnable unsubscribe = live.subscribe(workflowId.toString(), event -> send(emitter, event, false));
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(failure -> unsubscribe.run());
        emitter.send(SseEmitter.event().comment("subscribed"));
        return emitter;
    }

    /** An execution's final status: the stream of that execution ends with it. */
    private static boolean last(LiveEvent event) {
        return "execution".equals(event.type()) && ExecutionStatus.of(event.status()).finished();
    }

    private static void send(SseEmitter emitter, LiveEvent event, boolean last) {
        try {
            synchronized (emitter) {
                emitter.send(SseEmitter.event().name(event.type()).data(event, MediaType.APPLICATION_JSON));
                if (last) {
                    emitter.complete();
                }
            }
        } catch (IOException | IllegalStateException gone) {
            emitter.completeWithError(gone);
        }
    }

    private static ResponseEntity<ExecutionSummary> accepted(Execution execution) {
        return ResponseEntity.accepted().location(URI.create("/api/executions/" + execution.id())).body(ExecutionSummary.of(execution));
    }
}
