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

import dev.nex7.plugin.node.NodeKind;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.workflow.catalog.NodeCatalog;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.WorkflowDefinition;

/**
 * Drives one claimed execution until it finishes or parks: the one place that decides node and
 * execution transitions. A node is ready when every connected input has arrived or been skipped
 * (and at least one arrived); a node none of whose inputs arrived is skipped, and so are its
 * successors. Every finished node run is written to the database before its successors start, so
 * that a restarted instance resumes from the recorded runs.
 */
final class ExecutionRunner {

    /** How an execution left the runner. */
    enum Ending { FINISHED, PARKED, RELEASED }

    interface Sink {
        void started(Execution execution, NodeDefinition node, int attempt);
        void recorded(Execution execution, NodeDefinition node, NodeType type, NodeRun run);
        void skipped(Execution execution, List<NodeRun> runs);
        void parked(Execution execution, Instant wakeAt);
        void finished(Execution execution, ExecutionStatus status, Map<String, Object> error, List<NodeRun> skipped);
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
    private final LinkedBlockingQueue<NodeRun> completions = new LinkedBlockingQueue<>();
    private boolean fatal;
    private String fatalNode;

    ExecutionRunner(Execution execution, WorkflowDefinition definition, List<NodeRun> recordedRuns, NodeCatalog catalog,
            NodeInvoker invoker, NodeInvoker.Run run, Sink sink, Clock clock, int maxParallel, Semaphore globalNodes,
            java.util.function.BooleanSupplier stopping) {
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
        for (EdgeDefinition edge : definition.edges()) {
            if (nodes.containsKey(edge.source()) && nodes.containsKey(edge.target())) {
                outgoing.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge);
                incoming.computeIfAbsent(edge.target(), id -> new ArrayList<>()).add(edge);
                pending.merge(edge.target(), 1, Integer::sum);
            }
        }
    }

    Ending run() throws InterruptedException {
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
            NodeRun done = completions.take();
            running--;
            globalNodes.release();
            NodeDefinition node = nodes.get(done.nodeId());
            sink.recorded(execution, node, types.get(done.nodeId()), done);
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
            sink.skipped(execution, skipped);
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
        globalNodes.acquire();
        sink.started(execution, node, waitingRun == null ? 1 : waitingRun.attempts());
        EngineThreads.NODES.submit(() -> {
            NodeRun result;
            try {
                result = invoker.invoke(run, node, type, inputs, byName, waitingRun);
            } catch (RuntimeException | Error unexpected) {
                Instant now = clock.instant();
                result = new NodeRun(nodeId, NodeRunStatus.FAILED, 1, null,
                        Map.of("code", "engine-error", "message", String.valueOf(unexpected.getMessage()), "retryable", false),
                        List.of(), null, null, null, List.of(), false, now, now);
            }
            completions.add(result);
        });
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
            sink.recorded(execution, nodes.get(nodeId), types.get(nodeId), pinned);
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
