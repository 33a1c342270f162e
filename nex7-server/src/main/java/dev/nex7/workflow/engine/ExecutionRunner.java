package dev.nex7.workflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeKind;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.workflow.catalog.NodeCatalog;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.nodes.Loop;

/**
 * Drives one claimed execution until it finishes or parks: the one place that decides node and
 * execution transitions. A node is ready when every connected input has arrived or been skipped
 * (and at least one arrived); a node none of whose inputs arrived is skipped, and so are its
 * successors. A node run is written to the database before its successors start, so that a
 * restarted instance resumes from the recorded runs; only the runs of pure computations (which
 * give the same result when run again) may be held back until the next write, at the latest until
 * the runner waits for a node on another thread, parks or finishes.
 */
final class ExecutionRunner {

    /** How an execution left the runner. */
    enum Ending { FINISHED, PARKED, RELEASED }

    /** Where the runner's transitions go. {@code scope} is {@code ""} for the execution's own runs, else a loop iteration. */
    interface Sink {
        void started(Execution execution, String scope, NodeDefinition node, int attempt);
        /** The runner is about to wait for a node that runs on another thread: store what is held back. */
        void idle();
        void recorded(Execution execution, String scope, NodeDefinition node, NodeType type, NodeRun run);
        /** Stores runs without announcing them (skipped nodes, a loop iteration's item). */
        void skipped(Execution execution, String scope, List<NodeRun> runs);
        void parked(Execution execution, Instant wakeAt);
        void finished(Execution execution, ExecutionStatus status, Map<String, Object> error, List<NodeRun> skipped);
        /** The runs recorded in a loop iteration before a restart. */
        List<NodeRun> recordedIn(Execution execution, String scope);
    }

    private final Execution execution;
    private final WorkflowDefinition definition;
    private final NodeCatalog catalog;
    private final NodeInvoker invoker;
    private final NodeInvoker.Run run;
    private final Sink sink;
    private final Clock clock;
    private final int maxParallel;
    private final Semaphore globalNodes;
    private final java.util.function.BooleanSupplier stopping;

    private final Map<String, NodeDefinition> nodes;
    private final Map<String, NodeType> types = new HashMap<>();
    private final Map<String, List<EdgeDefinition>> outgoing = new HashMap<>();
    private final Map<String, List<EdgeDefinition>> incoming = new HashMap<>();
    private final Map<String, Integer> pending = new HashMap<>();
    private final Set<String> delivered = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private final Map<String, NodeRun> recorded;
    private final Map<String, NodeRun> finished = new LinkedHashMap<>();
    private final Map<String, NodeRun> waiting = new LinkedHashMap<>();
    private final List<NodeRun> skipped = new ArrayList<>();
    private final Deque<String> ready = new ArrayDeque<>();
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private boolean fatal;
    private String fatalNode;
    private final String scope;
    private final Map<String, NodeRun> seeds;
    /** Loop node id → the nodes of its body (run by the loop, per iteration, not by this runner). */
    private final Map<String, Set<String>> loopBodies = new HashMap<>();
    private final Set<String> permitless = new HashSet<>();

    ExecutionRunner(Execution execution, WorkflowDefinition definition, List<NodeRun> recordedRuns, NodeCatalog catalog,
            NodeInvoker invoker, NodeInvoker.Run run, Sink sink, Clock clock, int maxParallel, Semaphore globalNodes,
            java.util.function.BooleanSupplier stopping) {
        this(execution, definition, recordedRuns, catalog, invoker, run, sink, clock, maxParallel, globalNodes, stopping, "", Map.of());
    }

    private ExecutionRunner(Execution execution, WorkflowDefinition definition, List<NodeRun> recordedRuns, NodeCatalog catalog,
            NodeInvoker invoker, NodeInvoker.Run run, Sink sink, Clock clock, int maxParallel, Semaphore globalNodes,
            java.util.function.BooleanSupplier stopping, String scope, Map<String, NodeRun> seeds) {
        this.scope = scope;
        this.seeds = seeds;
        this.execution = execution;
        this.definition = definition;
        this.catalog = catalog;
        this.invoker = invoker;
        this.run = run;
        this.sink = sink;
        this.clock = clock;
        this.maxParallel = maxParallel;
        this.globalNodes = globalNodes;
        this.stopping = stopping;
        this.nodes = definition.nodesById();
        this.recorded = new HashMap<>();
        recordedRuns.forEach(recordedRun -> recorded.put(recordedRun.nodeId(), recordedRun));
        nodes.values().forEach(node -> {
            catalog.find(node.type(), node.typeVersion()).ifPresent(type -> types.put(node.id(), type));
            pending.put(node.id(), 0);
        });
        types.forEach((id, type) -> {
            if (type.descriptor().loop() && !seeds.containsKey(id)) {
                loopBodies.put(id, definition.reachableFrom(id, Loop.ITEM));
            }
        });
        for (EdgeDefinition edge : definition.edges()) {
            boolean backIntoLoop = loopBodies.getOrDefault(edge.target(), Set.of()).contains(edge.source());
            if (nodes.containsKey(edge.source()) && nodes.containsKey(edge.target()) && !backIntoLoop) {
                outgoing.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge);
                incoming.computeIfAbsent(edge.target(), id -> new ArrayList<>()).add(edge);
                pending.merge(edge.target(), 1, Integer::sum);
            }
        }
    }

    Ending run() throws InterruptedException {
        loopBodies.values().forEach(started::addAll);
        for (NodeRun seed : seeds.values()) {
            started.add(seed.nodeId());
            settle(seed);
        }
        for (NodeDefinition node : nodes.values()) {
            NodeType type = types.get(node.id());
            if (type != null && type.descriptor().kind() == NodeKind.TRIGGER) {
                if (node.id().equals(execution.triggerNode())) {
                    becomeReady(node.id());
                } else {
                    skip(node.id());
                }
            }
        }
        int running = 0;
        while (true) {
            if (run.cancellation().isCancelled() && running == 0) {
                sink.finished(execution, ExecutionStatus.CANCELLED, Map.of("code", "cancelled", "message", "The execution was cancelled."), skipped);
                return Ending.FINISHED;
            }
            while (!fatal && !run.cancellation().isCancelled() && !stopping.getAsBoolean() && running < maxParallel && !ready.isEmpty()) {
                launch(ready.poll());
                running++;
            }
            if (running == 0) {
                break;
            }
            if (completions.isEmpty()) {
                sink.idle();
            }
            Completion completion = completions.take();
            running--;
            if (!permitless.remove(completion.nodeId())) {
                globalNodes.release();
            }
            NodeRun done = completion.run();
            if (done == null) {
                ready.add(completion.nodeId()); // a loop gave up at shutdown: it runs again, resuming its iterations
                continue;
            }
            NodeDefinition node = nodes.get(done.nodeId());
            sink.recorded(execution, scope, node, types.get(done.nodeId()), done);
            settle(done);
        }
        if (stopping.getAsBoolean() && !ready.isEmpty()) {
            return Ending.RELEASED;
        }
        if (fatal) {
            NodeRun failed = finished.get(fatalNode);
            Map<String, Object> error = new LinkedHashMap<>(failed.error());
            error.put("nodeId", fatalNode);
            sink.finished(execution, ExecutionStatus.FAILED, error, skipped);
            return Ending.FINISHED;
        }
        if (!waiting.isEmpty()) {
            sink.skipped(execution, scope, skipped);
            Instant wakeAt = waiting.values().stream().map(NodeRun::wakeAt).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
            sink.parked(execution, wakeAt);
            return Ending.PARKED;
        }
        nodes.keySet().stream().filter(id -> !started.contains(id)).toList().forEach(id -> skipped.add(skippedRun(id)));
        sink.finished(execution, ExecutionStatus.SUCCEEDED, null, skipped);
        return Ending.FINISHED;
    }

    private void launch(String nodeId) throws InterruptedException {
        NodeDefinition node = nodes.get(nodeId);
        NodeType type = types.get(nodeId);
        NodeRun waitingRun = waiting.remove(nodeId);
        Map<String, Object> inputs = inputsOf(nodeId);
        Map<String, Object> byName = outputsByName();
        boolean loop = loopBodies.containsKey(nodeId);
        if (type != null && !loop && NodeInvoker.inline(type)) {
            // Pure computation: run it here, no thread hand-off and no permit.
            sink.started(execution, scope, node, waitingRun == null ? 1 : waitingRun.attempts());
            permitless.add(nodeId);
            NodeRun result;
            try {
                result = invoker.invoke(run.inScope(scope), node, type, inputs, byName, waitingRun);
            } catch (RuntimeException | Error unexpected) {
                result = engineError(nodeId, unexpected);
            }
            completions.add(new Completion(nodeId, result));
            return;
        }
        if (loop) {
            // A loop only waits for its body's nodes, which take their own permits.
            permitless.add(nodeId);
        } else {
            globalNodes.acquire();
        }
        sink.started(execution, scope, node, waitingRun == null ? 1 : waitingRun.attempts());
        EngineThreads.NODES.submit(() -> {
            NodeRun result;
            try {
                result = loop ? runLoop(node, type, inputs) : invoker.invoke(run.inScope(scope), node, type, inputs, byName, waitingRun);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                result = null;
            } catch (RuntimeException | Error unexpected) {
                result = engineError(nodeId, unexpected);
            }
            completions.add(new Completion(nodeId, result));
        });
    }

    private NodeRun engineError(String nodeId, Throwable unexpected) {
        Instant now = clock.instant();
        return new NodeRun(nodeId, NodeRunStatus.FAILED, 1, null,
                Map.of("code", "engine-error", "message", String.valueOf(unexpected.getMessage()), "retryable", false),
                List.of(), null, null, null, List.of(), false, now, now);
    }

    private record Completion(String nodeId, NodeRun run) {
    }

    /**
     * Runs a loop's body once per batch, one iteration after the other, each with its own runner over
     * the body and its node runs recorded under the iteration's scope. Iterations recorded before a
     * restart replay from their records. {@code null} means the engine is stopping: run the loop again later.
     */
    private NodeRun runLoop(NodeDefinition loop, NodeType type, Map<String, Object> inputs) throws InterruptedException {
        Instant began = clock.instant();
        Map<String, Object> parameters = NodeCatalog.withDefaults(type.descriptor(), loop.parameters());
        List<Object> batches;
        try {
            batches = Loop.batches(inputs.get(Port.MAIN), parameters);
        } catch (NodeFailure failure) {
            return invoker.failure(loop, failure, began);
        }
        boolean flatten = ((Number) parameters.getOrDefault("batchSize", 1)).intValue() > 1;
        WorkflowDefinition body = iterationDefinition(loop.id());
        List<Object> done = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            String iterationScope = (scope.isEmpty() ? "" : scope + "/") + loop.id() + "#" + i;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(Loop.ITEM, batches.get(i));
            NodeRun seed = new NodeRun(loop.id(), NodeRunStatus.SUCCEEDED, 1, item, null, List.of(), null, null, null, List.of(), false,
                    began, began);
            // Stored (without events) so that the iteration's runs show what the loop handed them.
            sink.skipped(execution, iterationScope, List.of(seed));
            Iteration iteration = new Iteration(sink, iterationScope);
            ExecutionRunner runner = new ExecutionRunner(execution, body, sink.recordedIn(execution, iterationScope), catalog, invoker,
                    run, iteration, clock, maxParallel, globalNodes, stopping, iterationScope, Map.of(loop.id(), seed));
            Ending ending = runner.run();
            if (ending == Ending.RELEASED) {
                return null;
            }
            if (ending == Ending.PARKED) {
                return invoker.failure(loop, NodeFailure.permanent("loop-body-waits", "Iteration " + i
                        + ": nodes inside a loop cannot wait, ask for approval or call a sub-workflow that waits."), began);
            }
            if (iteration.status != ExecutionStatus.SUCCEEDED) {
                Map<String, Object> error = iteration.error == null ? Map.of() : iteration.error;
                return invoker.failure(loop, NodeFailure.permanent(iteration.status == ExecutionStatus.CANCELLED ? "cancelled" : "loop-body-failed",
                        "Iteration " + i + ": node " + error.get("nodeId") + " failed: " + error.get("message")), began);
            }
            for (Object value : runner.returnedTo(loop.id())) {
                if (flatten && value instanceof List<?> list) {
                    done.addAll(list);
                } else {
                    done.add(value);
                }
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put(Loop.DONE, done);
        return invoker.succeeded(loop, output, began);
    }

    /** The loop node and its body, with the edges among them: what one iteration runs. */
    private WorkflowDefinition iterationDefinition(String loopId) {
        Set<String> members = new HashSet<>(loopBodies.get(loopId));
        members.add(loopId);
        List<NodeDefinition> memberNodes = definition.nodes().stream().filter(node -> members.contains(node.id())).toList();
        List<EdgeDefinition> memberEdges = definition.edges().stream()
                .filter(edge -> members.contains(edge.source()) && members.contains(edge.target()))
                .filter(edge -> !edge.source().equals(loopId) || Loop.ITEM.equals(edge.sourcePort()))
                .toList();
        return definition.withGraph(memberNodes, memberEdges);
    }

    /** What this iteration's nodes sent into the loop's {@code return} input. */
    private List<Object> returnedTo(String loopId) {
        List<Object> values = new ArrayList<>();
        for (EdgeDefinition edge : definition.edgesInto(loopId)) {
            NodeRun source = finished.get(edge.source());
            if (Loop.RETURN.equals(edge.targetPort()) && source != null && source.delivered(edge.sourcePort())) {
                values.add(source.output().get(edge.sourcePort()));
            }
        }
        return values;
    }

    /** A loop iteration's sink: records go to the execution's sink under the iteration's scope; the ending stays here. */
    private static final class Iteration implements Sink {
        private final Sink parent;
        private final String scope;
        private ExecutionStatus status;
        private Map<String, Object> error;

        Iteration(Sink parent, String scope) {
            this.parent = parent;
            this.scope = scope;
        }

        @Override
        public void started(Execution execution, String runScope, NodeDefinition node, int attempt) {
            parent.started(execution, runScope, node, attempt);
        }

        @Override
        public void idle() {
            parent.idle();
        }

        @Override
        public void recorded(Execution execution, String runScope, NodeDefinition node, NodeType type, NodeRun run) {
            parent.recorded(execution, runScope, node, type, run);
        }

        @Override
        public void skipped(Execution execution, String runScope, List<NodeRun> runs) {
            parent.skipped(execution, runScope, runs);
        }

        @Override
        public void parked(Execution execution, Instant wakeAt) {
            // The loop fails the iteration; nothing of the execution parks.
        }

        @Override
        public void finished(Execution execution, ExecutionStatus ended, Map<String, Object> failure, List<NodeRun> skippedRuns) {
            parent.skipped(execution, scope, skippedRuns);
            status = ended;
            error = failure;
        }

        @Override
        public List<NodeRun> recordedIn(Execution execution, String runScope) {
            return parent.recordedIn(execution, runScope);
        }
    }

    /** A node reached a recorded state: propagate it along its outgoing edges. */
    private void settle(NodeRun nodeRun) {
        String nodeId = nodeRun.nodeId();
        if (nodeRun.status() == NodeRunStatus.WAITING) {
            waiting.put(nodeId, nodeRun);
            return;
        }
        finished.put(nodeId, nodeRun);
        if (NodeInvoker.fatal(nodes.get(nodeId), nodeRun)) {
            if (!fatal) {
                fatal = true;
                fatalNode = nodeId;
            }
            return;
        }
        for (EdgeDefinition edge : outgoing.getOrDefault(nodeId, List.of())) {
            String target = edge.target();
            if (started.contains(target)) {
                continue;
            }
            if (nodeRun.delivered(edge.sourcePort())) {
                delivered.add(target);
                NodeType type = types.get(target);
                if (type != null && type.runsOnFirstInput(nodes.get(target).parameters())) {
                    becomeReady(target);
                    continue;
                }
            }
            if (pending.merge(target, -1, Integer::sum) == 0) {
                if (delivered.contains(target)) {
                    becomeReady(target);
                } else {
                    skip(target);
                }
            }
        }
    }

    private void becomeReady(String nodeId) {
        started.add(nodeId);
        NodeRun previous = recorded.get(nodeId);
        if (previous == null && execution.pinned().containsKey(nodeId)) {
            Instant now = clock.instant();
            Map<String, Object> output = new LinkedHashMap<>();
            output.put(Port.MAIN, execution.pinned().get(nodeId));
            NodeRun pinned = new NodeRun(nodeId, NodeRunStatus.SUCCEEDED, 0, output, null, List.of(), null, null, null, List.of(),
                    true, now, now);
            sink.recorded(execution, scope, nodes.get(nodeId), types.get(nodeId), pinned);
            settle(pinned);
        } else if (previous == null) {
            ready.add(nodeId);
        } else if (previous.status() == NodeRunStatus.WAITING) {
            boolean due = previous.signal() != null || (previous.wakeAt() != null && !clock.instant().isBefore(previous.wakeAt()));
            if (due) {
                waiting.put(nodeId, previous);
                ready.add(nodeId);
            } else {
                waiting.put(nodeId, previous);
            }
        } else {
            settle(previous); // recorded before a restart, or reused by a retry: not run again
        }
    }

    private void skip(String nodeId) {
        started.add(nodeId);
        NodeRun run = skippedRun(nodeId);
        skipped.add(run);
        settle(run);
    }

    private NodeRun skippedRun(String nodeId) {
        Instant now = clock.instant();
        return new NodeRun(nodeId, NodeRunStatus.SKIPPED, 0, null, null, List.of(), null, null, null, List.of(), false, now, now);
    }

    private Map<String, Object> inputsOf(String nodeId) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (nodeId.equals(execution.triggerNode())) {
            inputs.put(Port.MAIN, execution.input());
        }
        for (EdgeDefinition edge : incoming.getOrDefault(nodeId, List.of())) {
            NodeRun source = finished.get(edge.source());
            if (source != null && source.delivered(edge.sourcePort()) && !inputs.containsKey(edge.targetPort())) {
                inputs.put(edge.targetPort(), source.output().get(edge.sourcePort()));
            }
        }
        if (execution.overrides().containsKey(nodeId)) {
            // An edited input replaces everything that arrived, on the node's first input port.
            inputs.clear();
            inputs.put(firstInput(types.get(nodeId)), execution.overrides().get(nodeId));
        }
        return inputs;
    }

    static String firstInput(NodeType type) {
        return type == null || type.descriptor().inputs().isEmpty() ? Port.MAIN : type.descriptor().inputs().getFirst().name();
    }

    /** {@code $node["name"]}: each finished node's main output (or its only output), by name. */
    private Map<String, Object> outputsByName() {
        Map<String, Object> byName = new LinkedHashMap<>();
        finished.forEach((id, nodeRun) -> {
            if (nodeRun.output() != null && !nodeRun.output().isEmpty()) {
                Object value = nodeRun.output().containsKey(Port.MAIN) ? nodeRun.output().get(Port.MAIN)
                        : nodeRun.output().values().iterator().next();
                byName.put(nodes.get(id).displayName(), value);
            }
        });
        return byName;
    }
}
