package dev.nex7.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.nex7.plugin.node.NodeKind;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowEvents;
import dev.nex7.workflow.catalog.NodeCatalog;
import dev.nex7.workflow.definition.DefinitionCodec;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.persistence.Executions;
import dev.nex7.workflow.persistence.WorkflowVersions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Starts executions and runs them. Executions are rows in PostgreSQL claimed with
 * {@code FOR UPDATE SKIP LOCKED} under a lease this instance renews by heartbeat; an execution this
 * instance starts is leased to it at birth and runs at once, others are picked up by polling. When
 * an instance dies, its leases run out and any instance (this one, restarted) continues the
 * executions from their recorded node runs.
 */
@Service
public class WorkflowEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

    /** What to start. */
    public record Start(ExecutionId id, Workflow workflow, WorkflowDefinition definition, Integer version, String mode, String triggerNode,
            Object input, Map<String, Object> pinned, Map<String, Object> overrides, UUID startedBy, ExecutionId parent,
            ExecutionId retryOf, int depth, List<NodeRun> reusedRuns) {
    }

    /** The state member by which a waiting node names the child execution it waits for (the sub-workflow node). */
    public static final String CHILD = "childExecutionId";

    private final String owner = "nex7-" + UUID.randomUUID();
    private final Executions executions;
    private final WorkflowVersions versions;
    private final NodeCatalog catalog;
    private final EngineSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final LiveEvents live;
    private final WebhookResponses webhooks;
    private final DefinitionCodec codec;
    private final NodeInvoker invoker;
    private final MeterRegistry metrics;
    private final Semaphore globalNodes;
    private final Semaphore slots;
    private final Map<ExecutionId, AtomicBoolean> held = new ConcurrentHashMap<>();
    private final Map<String, Timer> nodeTimers = new ConcurrentHashMap<>();
    private final Map<ExecutionStatus, Counter> executionCounters = new ConcurrentHashMap<>();
    private final Timer executionTimer;
    private final Cache<String, WorkflowDefinition> snapshots = Caffeine.newBuilder().maximumSize(1_000).build();
    /** Snapshot hash by definition object (weak keys compare by identity): webhook routes hand the same definition each call. */
    private final Cache<WorkflowDefinition, String> memorySnapshots = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();
    /** Whether a definition's nodes are all pure, by definition object (weak keys compare by identity). */
    private final Cache<WorkflowDefinition, Boolean> pureDefinitions = Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();
    private final FinishedWriter finishedWriter;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    public WorkflowEngine(Executions executions, WorkflowVersions versions, NodeCatalog catalog, EngineSettings settings, Clock clock,
            TransactionTemplate transactions, ApplicationEventPublisher events, LiveEvents live, WebhookResponses webhooks,
            DefinitionCodec codec, NodeServices.ParameterResolver parameters, NodeServices.CredentialSource credentials,
            MeterRegistry metrics, FinishedWriter finishedWriter) {
        this.finishedWriter = finishedWriter;
        this.executions = executions;
        this.versions = versions;
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.live = live;
        this.webhooks = webhooks;
        this.codec = codec;
        this.metrics = metrics;
        this.globalNodes = new Semaphore(settings.maxParallelNodesGlobal());
        this.slots = new Semaphore(settings.maxActiveExecutions());
        this.invoker = new NodeInvoker(parameters, credentials, settings, clock, this::cap);
        this.executionTimer = Timer.builder("nex7_workflow_execution_duration_seconds").description("Execution duration, start to finish")
                .register(metrics);
        Gauge.builder("nex7_workflow_active_executions", active, AtomicInteger::get)
                .description("Executions this instance is running").register(metrics);
        Gauge.builder("nex7_workflow_queue_depth", this, engine -> engine.queueDepth())
                .description("Executions due and not claimed by any instance").register(metrics);
    }

    /**
     * Stores a new execution and, when this instance has room, starts running it at once. A workflow made
     * of pure nodes only ({@link #runsPure}) is run first, on the caller's thread, and stored finished with
     * all its node runs in one transaction: it touches nothing outside, so nothing is lost if the process
     * dies before that commit (the caller has no answer yet), and the caller learns of it only once it is
     * recorded, as for any durable start.
     */
    public Execution start(Start start) {
        boolean local = !stopping.get() && slots.tryAcquire();
        if (local && runsPure(start)) {
            try {
                return runPure(start);
            } finally {
                slots.release();
            }
        }
        try {
            Execution stored = store(start, local);
            if (local) {
                launch(stored, start.reusedRuns());
            }
            return stored;
        } catch (RuntimeException failure) {
            if (local) {
                slots.release();
            }
            throw failure;
        }
    }

    /**
     * Stores a new execution as queued, in the caller's transaction when there is one, without running it:
     * for triggers that must start an execution atomically with their own bookkeeping (a schedule that
     * advances its next fire time, for example). Call {@link #poll()} after the transaction commits to
     * run it here at once; otherwise the next poll of any instance picks it up.
     */
    public Execution enqueue(Start start) {
        return store(start, false);
    }

    /**
     * Whether the start can take the pure path: a fresh execution (no reused runs, not a sub-workflow),
     * started outside any transaction, whose caller does not wait for a response node, of a workflow
     * whose every node is a pure built-in ({@link NodeInvoker#inline}: no loop, wait, call or code).
     */
    private boolean runsPure(Start start) {
        return start.reusedRuns().isEmpty() && start.parent() == null && (start.id() == null || !webhooks.awaited(start.id()))
                && !TransactionSynchronizationManager.isActualTransactionActive() && pure(start.definition());
    }

    /** Whether every node of the definition is a pure built-in ({@link NodeInvoker#inline}). */
    private boolean pure(WorkflowDefinition definition) {
        return pureDefinitions.get(definition, nodes -> nodes.nodes().stream().allMatch(node -> catalog.find(node.type(), node.typeVersion())
                .map(NodeInvoker::inline).orElse(false)));
    }

    /** Runs a pure workflow here and now, then stores it finished, runs and events included, in one transaction. */
    private Execution runPure(Start start) {
        Instant now = clock.instant();
        Execution running = newExecution(start, null, ExecutionStatus.RUNNING, now, now);
        CollectingSink sink = new CollectingSink();
        try {
            NodeInvoker.Run run = new NodeInvoker.Run(running, executionInfo(running), workflowInfo(running), () -> false);
            ExecutionRunner.Ending ending = new ExecutionRunner(running, start.definition(), List.of(), catalog, invoker, run, sink, clock,
                    settings.maxParallelNodes(), globalNodes, () -> false).run();
            if (ending != ExecutionRunner.Ending.FINISHED) {
                throw new IllegalStateException("a pure workflow ended its run " + ending);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineBusy();
        }
        Instant finishedAt = clock.instant();
        Execution stored = withRecentSnapshot(start.definition(), known -> storeFinished(start, running, sink, known, finishedAt));
        snapshots.put(stored.snapshotHash(), start.definition());
        long millis = Duration.between(now, finishedAt).toMillis();
        measureExecution(stored.status(), millis);
        for (NodeRun run : sink.runs) {
            live.publish(new LiveEvent("node", stored.id().toString(), stored.workflowId().toString(), run.nodeId(), run.status().id(),
                    run.attempts(), run.durationMillis(), run.error() == null ? null : String.valueOf(run.error().get("message")), finishedAt));
        }
        live.publish(new LiveEvent("execution", stored.id().toString(), stored.workflowId().toString(), null, stored.status().id(), null,
                millis, stored.error() == null ? null : String.valueOf(stored.error().get("message")), finishedAt));
        return stored;
    }

    private Execution storeFinished(Start start, Execution running, CollectingSink sink, String knownSnapshot, Instant finishedAt) {
        Instant startedAt = running.startedAt();
        return transactions.execute(status -> {
            String snapshot = knownSnapshot != null ? knownSnapshot : versions.snapshot(start.definition());
            Execution done = new Execution(running.id(), running.workflowId(), running.projectId(), running.version(), snapshot, sink.status,
                    running.mode(), running.triggerNode(), running.input(), running.pinned(), running.overrides(), sink.error, null,
                    running.retryOf(), running.depth(), running.startedBy(), false, startedAt, startedAt, finishedAt);
            executions.insert(done, null, null);
            executions.saveRuns(done.id(), sink.runs.stream().map(run -> new Executions.ScopedRun("", run)).toList());
            events.publishEvent(new WorkflowEvents.WorkflowStarted(done.id(), done.workflowId(), done.projectId(), done.mode()));
            sink.announced.forEach(recorded -> announce(done, recorded.node(), recorded.run()));
            events.publishEvent(done.status() == ExecutionStatus.SUCCEEDED ? new WorkflowEvents.WorkflowCompleted(done.id(),
                    done.workflowId(), done.projectId(), done.mode(), Duration.between(startedAt, finishedAt).toMillis())
                    : failedEvent(done, done.status(), done.error()));
            return done;
        });
    }

    /** Keeps a pure execution's runs until it is stored; its id comes from the start, so nothing here is written. */
    private final class CollectingSink implements ExecutionRunner.Sink {
        private record Announced(NodeDefinition node, NodeRun run) {
        }

        private final List<NodeRun> runs = new ArrayList<>();
        private final List<Announced> announced = new ArrayList<>();
        private ExecutionStatus status = ExecutionStatus.FAILED;
        private Map<String, Object> error;

        @Override
        public void started(Execution execution, String scope, NodeDefinition node, int attempt) {
            // announced with the record: nobody can look the execution up before it is stored
        }

        @Override
        public void idle() {
            // nothing is written before the execution ends
        }

        @Override
        public synchronized void recorded(Execution execution, String scope, NodeDefinition node, NodeType type, NodeRun run) {
            runs.add(run);
            announced.add(new Announced(node, run));
            measureNode(node, run);
        }

        @Override
        public synchronized void skipped(Execution execution, String scope, List<NodeRun> skipped) {
            runs.addAll(skipped);
        }

        @Override
        public void parked(Execution execution, Instant wakeAt) {
            throw new IllegalStateException("a pure workflow cannot wait");
        }

        @Override
        public synchronized void finished(Execution execution, ExecutionStatus ended, Map<String, Object> failure, List<NodeRun> skipped) {
            runs.addAll(skipped);
            status = ended;
            error = failure;
        }

        @Override
        public List<NodeRun> recordedIn(Execution execution, String scope) {
            return List.of();
        }
    }

    /** Writes the execution (leased to this instance when {@code local}), its reused runs and {@code WorkflowStarted}. */
    private Execution store(Start start, boolean local) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return store(start, local, null); // the caller's transaction cannot be tried again
        }
        return withRecentSnapshot(start.definition(), known -> store(start, local, known));
    }

    /**
     * Writes in a transaction of its own with the id of the definition's snapshot when it was seen lately
     * (then it is not checked again: the foreign key does it), otherwise with null (the write stores it);
     * once more with null when that snapshot was deleted meanwhile.
     */
    private Execution withRecentSnapshot(WorkflowDefinition definition, java.util.function.Function<String, Execution> write) {
        String known = versions.recentSnapshot(definition);
        try {
            return write.apply(known);
        } catch (DataIntegrityViolationException snapshotGone) {
            if (known == null) {
                throw snapshotGone;
            }
            versions.forget(known);
            return write.apply(null);
        }
    }

    private Execution store(Start start, boolean local, String knownSnapshot) {
        Instant now = clock.instant();
        Execution stored = transactions.execute(status -> {
            String snapshot = knownSnapshot != null ? knownSnapshot : versions.snapshot(start.definition());
            Execution execution = newExecution(start, snapshot, local ? ExecutionStatus.RUNNING : ExecutionStatus.QUEUED,
                    now, local ? now : null);
            executions.insert(execution, local ? owner : null, local ? now.plus(settings.lease()) : null);
            start.reusedRuns().forEach(reused -> executions.saveRun(execution.id(), reused));
            events.publishEvent(new WorkflowEvents.WorkflowStarted(execution.id(), execution.workflowId(), execution.projectId(), execution.mode()));
            return execution;
        });
        snapshots.put(stored.snapshotHash(), start.definition());
        live.publish(new LiveEvent("execution", stored.id().toString(), stored.workflowId().toString(), null, stored.status().id(),
                null, null, null, now));
        return stored;
    }

    private Execution newExecution(Start start, String snapshotHash, ExecutionStatus status, Instant createdAt, Instant startedAt) {
        String trigger = start.triggerNode() != null ? start.triggerNode() : defaultTrigger(start.definition(), start.mode());
        return new Execution(start.id() == null ? ExecutionId.random() : start.id(), start.workflow().id(), start.workflow().projectId(),
                start.version(), snapshotHash, status, start.mode(), trigger, start.input(), start.pinned(), start.overrides(), null,
                start.parent(), start.retryOf(), start.depth(), start.startedBy(), false, createdAt, startedAt, null);
    }

    private String defaultTrigger(WorkflowDefinition definition, String mode) {
        String wanted = switch (mode) {
            case "webhook" -> "webhook-trigger";
            case "schedule" -> "schedule-trigger";
            case "event" -> "event-trigger";
            case "error" -> "error-trigger";
            default -> "manual-trigger";
        };
        List<NodeDefinition> triggers = definition.nodes().stream().filter(node -> catalog.find(node.type(), node.typeVersion())
                .map(type -> type.descriptor().kind() == NodeKind.TRIGGER).orElse(false)).toList();
        return triggers.stream().filter(node -> node.type().equals(wanted)).findFirst()
                .or(() -> triggers.stream().findFirst())
                .map(NodeDefinition::id)
                .orElseThrow(() -> new IllegalArgumentException("The workflow has no trigger"));
    }

    /** Asks an unfinished execution to stop; running nodes see it at once when they run here, otherwise at the next heartbeat. */
    public boolean cancel(ExecutionId id) {
        boolean requested = executions.requestCancel(id, clock.instant());
        AtomicBoolean flag = held.get(id);
        if (flag != null) {
            flag.set(true);
        }
        if (requested) {
            // Sub-workflows started by this execution stop with it (and theirs with them).
            executions.unfinishedChildren(id).forEach(this::cancel);
            poll();
        }
        return requested;
    }

    /** Wakes a waiting node with a signal (an approval decision, a child execution's result). */
    public boolean signal(ExecutionId id, String nodeId, Object payload) {
        boolean delivered = executions.signal(id, nodeId, payload, clock.instant());
        if (delivered) {
            poll();
        }
        return delivered;
    }

    /** Claims due executions while this instance has room. */
    public void poll() {
        if (!running || stopping.get()) {
            return;
        }
        try {
            while (slots.availablePermits() > 0) {
                int room = Math.min(slots.availablePermits(), 32);
                Instant now = clock.instant();
                List<Execution> claimed = executions.claim(owner, now, now.plus(settings.lease()), room);
                Map<ExecutionId, List<NodeRun>> recorded = executions.runs(claimed.stream().map(Execution::id).toList());
                for (Execution execution : claimed) {
                    slots.acquireUninterruptibly();
                    launch(execution, recorded.getOrDefault(execution.id(), List.of()));
                }
                if (claimed.size() < room) {
                    return;
                }
            }
        } catch (RuntimeException failure) {
            log.warn("Polling the workflow queue failed; trying again in {}", settings.pollInterval(), failure);
        }
    }

    private void launch(Execution execution, List<NodeRun> recorded) {
        AtomicBoolean cancelled = new AtomicBoolean(execution.cancelRequested());
        held.put(execution.id(), cancelled);
        active.incrementAndGet();
        EngineThreads.EXECUTIONS.submit(() -> {
            try {
                WorkflowDefinition definition = definition(execution.snapshotHash());
                NodeInvoker.Run run = new NodeInvoker.Run(execution, executionInfo(execution), workflowInfo(execution), cancelled::get);
                Recorder recorder = new Recorder(execution);
                ExecutionRunner.Ending ending = new ExecutionRunner(execution, definition, recorded, catalog, invoker, run, recorder,
                        clock, settings.maxParallelNodes(), globalNodes, stopping::get).run();
                if (ending == ExecutionRunner.Ending.RELEASED) {
                    recorder.idle();
                    executions.release(execution.id(), owner);
                }
            } catch (InterruptedException interrupted) {
                executions.release(execution.id(), owner);
                Thread.currentThread().interrupt();
            } catch (RuntimeException failure) {
                // The lease runs out and the execution is taken up again; nothing recorded is lost.
                log.error("Execution {} stopped unexpectedly; it will be resumed when its lease expires", execution.id(), failure);
            } finally {
                held.remove(execution.id());
                active.decrementAndGet();
                slots.release();
            }
        });
    }

    /**
     * What a finished child execution hands its sub-workflow node: status, error message and the output
     * of its last nodes (those without successors that succeeded): the value itself when there is one,
     * by node name when there are several.
     */
    private Map<String, Object> childResult(Execution child) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("executionId", child.id().toString());
        result.put("status", child.status().id());
        result.put("message", child.error() == null ? null : child.error().get("message"));
        WorkflowDefinition definition = definition(child.snapshotHash());
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (NodeRun run : executions.runs(child.id())) {
            if (run.status() == NodeRunStatus.SUCCEEDED && definition.edgesOutOf(run.nodeId()).isEmpty() && run.output() != null
                    && !run.output().isEmpty()) {
                Object value = run.output().containsKey(Port.MAIN) ? run.output().get(Port.MAIN) : run.output().values().iterator().next();
                outputs.put(definition.node(run.nodeId()).map(NodeDefinition::displayName).orElse(run.nodeId()), value);
            }
        }
        result.put("output", outputs.size() == 1 ? outputs.values().iterator().next() : outputs.isEmpty() ? null : outputs);
        return result;
    }

    /** {@code $execution} in expressions. */
    static Map<String, Object> executionInfo(Execution execution) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", execution.id().toString());
        info.put("mode", execution.mode());
        info.put("startedAt", String.valueOf(execution.startedAt() == null ? execution.createdAt() : execution.startedAt()));
        return info;
    }

    /** {@code $workflow} in expressions. */
    static Map<String, Object> workflowInfo(Execution execution) {
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("id", execution.workflowId().toString());
        workflow.put("version", execution.version());
        workflow.put("projectId", execution.projectId().toString());
        return workflow;
    }

    private WorkflowDefinition definition(String hash) {
        return snapshots.get(hash, key -> versions.snapshot(key).orElseThrow(() -> new IllegalStateException("Snapshot " + key + " is missing")));
    }

    private void heartbeat() {
        try {
            List<ExecutionId> mine = List.copyOf(held.keySet());
            executions.heartbeat(owner, mine, clock.instant().plus(settings.lease()));
            for (ExecutionId id : executions.cancelRequested(mine)) {
                AtomicBoolean flag = held.get(id);
                if (flag != null) {
                    flag.set(true);
                }
            }
        } catch (RuntimeException failure) {
            log.warn("Renewing execution leases failed", failure);
        }
    }

    private long queueDepth() {
        try {
            return running ? executions.queueDepth(clock.instant()) : 0;
        } catch (RuntimeException failure) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cap(Map<String, Object> outputs) {
        long limit = settings.maxOutputSize().toBytes();
        if (JsonSize.upTo(outputs, limit, value -> codec.toJson(value).length()) <= limit) {
            return outputs;
        }
        int size = codec.toJson(outputs).length();
        Map<String, Object> capped = new LinkedHashMap<>();
        outputs.keySet().forEach(port -> capped.put(port, Map.of("_truncated", true, "size", size, "limit", limit,
                "message", "The output was larger than nex7.workflow.engine.max-output-size and was not kept.")));
        return capped;
    }

    private void announceStarted(Execution execution, NodeDefinition node, int attempt) {
        live.publish(new LiveEvent("node", execution.id().toString(), execution.workflowId().toString(), node.id(), "running",
                attempt, null, null, clock.instant()));
    }

    private void measureNode(NodeDefinition node, NodeRun run) {
        if (run.finishedAt() != null && !run.pinned()) {
            // Looked up once per type: registering (tag sorting, id lookup) on every node run costs more than recording.
            nodeTimers.computeIfAbsent(node.type(), type -> Timer.builder("nex7_node_duration_seconds")
                    .description("Node run duration, all attempts").tag("type", type).register(metrics))
                    .record(Duration.between(run.startedAt(), run.finishedAt()));
        }
    }

    private void measureExecution(ExecutionStatus status, long millis) {
        executionCounters.computeIfAbsent(status, finished -> Counter.builder("nex7_workflow_executions_total")
                .description("Finished executions").tag("status", finished.id()).register(metrics)).increment();
        executionTimer.record(Duration.ofMillis(millis));
    }

    /** {@code NodeCompleted} or {@code NodeFailed} for a recorded run, in the transaction that stores it. */
    private void announce(Execution execution, NodeDefinition node, NodeRun run) {
        if (run.status() == NodeRunStatus.SUCCEEDED) {
            events.publishEvent(new WorkflowEvents.NodeCompleted(execution.id(), execution.workflowId(), node.id(), node.type(),
                    run.durationMillis()));
        } else if (run.status() == NodeRunStatus.FAILED) {
            events.publishEvent(new WorkflowEvents.NodeFailed(execution.id(), execution.workflowId(), node.id(), node.type(),
                    String.valueOf(run.error().get("code")), String.valueOf(run.error().get("message"))));
        }
    }

    /**
     * Records what the runner decides: database first, then live events and metrics. The runs of
     * pure nodes (and pinned outputs) are held back and written with the next write of the execution
     * (at the latest when the runner waits, parks or finishes): losing one in a crash only means
     * computing it again, and a chain of them costs one transaction instead of one each. Writes of
     * one execution are serialised (a loop's body records from another thread) so that a run is
     * never committed before the held-back runs it was computed from.
     */
    private final class Recorder implements ExecutionRunner.Sink {

        private final Execution execution;
        private final ReentrantLock writing = new ReentrantLock();
        private final List<Deferred> deferred = new ArrayList<>();

        Recorder(Execution execution) {
            this.execution = execution;
        }

        /** A held-back run; {@code node} is null for runs stored without an event (skipped nodes, a loop iteration's item). */
        private record Deferred(String scope, NodeDefinition node, NodeRun run) {
        }

        @Override
        public void started(Execution execution, String scope, NodeDefinition node, int attempt) {
            announceStarted(execution, node, attempt);
        }

        @Override
        public void idle() {
            writing.lock();
            try {
                if (!deferred.isEmpty()) {
                    write(held -> { }, null);
                }
            } finally {
                writing.unlock();
            }
        }

        @Override
        public void recorded(Execution execution, String scope, NodeDefinition node, NodeType type, NodeRun run) {
            ExecutionId child = scope.isEmpty() && run.status() == NodeRunStatus.WAITING && run.state() instanceof Map<?, ?> state
                    && state.get(CHILD) instanceof String id ? ExecutionId.parse(id) : null;
            boolean pure = run.status() == NodeRunStatus.SUCCEEDED && (run.pinned() || type != null && NodeInvoker.inline(type));
            if (pure) {
                hold(new Deferred(scope, node, run));
            } else {
                write(held -> {
                    if (child != null) {
                        // Serialised with the child's end (which locks this row too): one of the two sees the other.
                        executions.lock(execution.id());
                    }
                    held.add(new Deferred(scope, node, run));
                }, () -> {
                    if (child != null) {
                        executions.find(child).filter(found -> found.status().finished())
                                .ifPresent(done -> executions.signal(execution.id(), node.id(), childResult(done), clock.instant()));
                    }
                });
            }
            measureNode(node, run);
            live.publish(new LiveEvent("node", execution.id().toString(), execution.workflowId().toString(), node.id(), run.status().id(),
                    run.attempts(), run.durationMillis(), run.error() == null ? null : String.valueOf(run.error().get("message")),
                    clock.instant()));
        }

        @Override
        public void skipped(Execution execution, String scope, List<NodeRun> runs) {
            runs.forEach(run -> hold(new Deferred(scope, null, run)));
        }

        @Override
        public List<NodeRun> recordedIn(Execution execution, String scope) {
            idle();
            return executions.runs(execution.id(), scope);
        }

        @Override
        public void parked(Execution execution, Instant wakeAt) {
            // Lock first, so that the parking statement starts after (and sees) a signal being delivered right now.
            write(held -> executions.lock(execution.id()), () -> executions.park(execution.id(), wakeAt, clock.instant()));
            live.publish(new LiveEvent("execution", execution.id().toString(), execution.workflowId().toString(), null, "waiting",
                    null, null, null, clock.instant()));
        }

        @Override
        public void finished(Execution execution, ExecutionStatus status, Map<String, Object> error, List<NodeRun> skipped) {
            Instant now = clock.instant();
            Instant began = execution.startedAt() == null ? execution.createdAt() : execution.startedAt();
            long millis = Duration.between(began, now).toMillis();
            write(held -> skipped.forEach(run -> held.add(new Deferred("", null, run))), () -> {
                executions.finish(execution.id(), status, error, now);
                if (execution.parentId() != null) {
                    executions.lock(execution.parentId());
                    Execution ended = executions.find(execution.id()).orElseThrow();
                    executions.waitingFor(execution.parentId(), CHILD, execution.id().toString())
                            .ifPresent(nodeId -> executions.signal(execution.parentId(), nodeId, childResult(ended), now));
                }
                if (status == ExecutionStatus.SUCCEEDED) {
                    events.publishEvent(new WorkflowEvents.WorkflowCompleted(execution.id(), execution.workflowId(), execution.projectId(),
                            execution.mode(), millis));
                } else {
                    events.publishEvent(failedEvent(execution, status, error));
                }
            });
            measureExecution(status, millis);
            if (webhooks.awaited(execution.id())) {
                webhooks.ended(execution.id(), status, lastOutput(executions.runs(execution.id())));
            }
            live.publish(new LiveEvent("execution", execution.id().toString(), execution.workflowId().toString(), null, status.id(),
                    null, millis, error == null ? null : String.valueOf(error.get("message")), now));
        }

        private void hold(Deferred run) {
            writing.lock();
            try {
                deferred.add(run);
            } finally {
                writing.unlock();
            }
        }

        /**
         * One transaction: {@code before} (which may add runs to store), every held-back run with its
         * event, then {@code after}. Nothing is written when there is nothing to do.
         */
        private void write(java.util.function.Consumer<List<Deferred>> before, Runnable after) {
            writing.lock();
            try {
                transactions.executeWithoutResult(tx -> {
                    List<Deferred> runs = new ArrayList<>(deferred);
                    before.accept(runs);
                    if (!runs.isEmpty()) {
                        executions.saveRuns(execution.id(), runs.stream().map(run -> new Executions.ScopedRun(run.scope(), run.run())).toList());
                    }
                    runs.stream().filter(run -> run.node() != null).forEach(run -> announce(execution, run.node(), run.run()));
                    if (after != null) {
                        after.run();
                    }
                });
                deferred.clear();
            } finally {
                writing.unlock();
            }
        }
    }

    private static NodeRun withoutOutput(NodeRun run) {
        return new NodeRun(run.nodeId(), run.status(), run.attempts(), null, run.error(), run.failures(), null, null, null, run.logs(),
                run.pinned(), run.startedAt(), run.finishedAt());
    }

    /** {@code WorkflowFailed} for an execution that ended with {@code status} (failed or cancelled) and {@code error}. */
    static WorkflowEvents.WorkflowFailed failedEvent(Execution execution, ExecutionStatus status, Map<String, Object> error) {
        return new WorkflowEvents.WorkflowFailed(execution.id(), execution.workflowId(), execution.projectId(), execution.mode(), status.id(),
                error == null ? null : (String) error.get("nodeId"), error == null ? status.id() : String.valueOf(error.get("message")));
    }

    private static Object lastOutput(List<NodeRun> recorded) {
        List<NodeRun> runs = new ArrayList<>(recorded);
        runs.removeIf(run -> run.output() == null || run.finishedAt() == null);
        runs.sort(java.util.Comparator.comparing(NodeRun::finishedAt));
        return runs.isEmpty() ? null : runs.getLast().output().get(Port.MAIN);
    }

    // --- low-latency mode: history in memory, one row written when the execution ends ---

    /**
     * Runs an execution in memory: nothing is written while it runs, and when it ends one row with its
     * node runs inside is queued for a batched write (within milliseconds). It cannot park, resume after a
     * crash or be retried from the queue: the price of speed, chosen per webhook trigger. Failures still
     * publish {@link WorkflowEvents.WorkflowFailed} (so error workflows run); successes publish no module events.
     */
    public Execution runInMemory(Start start) {
        WorkflowDefinition definition = start.definition();
        try {
            // A short wait for room turns a burst into latency instead of errors; only a sustained overload is refused.
            if (!slots.tryAcquire(2, TimeUnit.SECONDS)) {
                throw new EngineBusy();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EngineBusy();
        }
        try {
            Instant now = clock.instant();
            String hash = memorySnapshots.get(definition, versions::snapshot);
            snapshots.put(hash, definition);
            Execution execution = newExecution(start, hash, ExecutionStatus.RUNNING, now, now);
            active.incrementAndGet();
            Runnable work = () -> {
                MemorySink sink = new MemorySink();
                try {
                    NodeInvoker.Run run = new NodeInvoker.Run(execution, executionInfo(execution), workflowInfo(execution), () -> false);
                    ExecutionRunner.Ending ending = new ExecutionRunner(execution, definition, List.of(), catalog, invoker, run, sink, clock,
                            settings.maxParallelNodes(), globalNodes, () -> false).run();
                    if (ending == ExecutionRunner.Ending.PARKED) {
                        sink.finished(execution, ExecutionStatus.FAILED, Map.of("code", "low-latency-wait", "message",
                                "A low-latency execution cannot wait; use the durable mode for workflows that wait."), List.of());
                    }
                } catch (InterruptedException | RuntimeException failure) {
                    sink.finished(execution, ExecutionStatus.FAILED, Map.of("code", "engine-error", "message", String.valueOf(failure.getMessage())),
                            List.of());
                } finally {
                    active.decrementAndGet();
                    slots.release();
                }
            };
            // A workflow of pure nodes ends within microseconds: run it here rather than hand it to a thread of its own
            // (and back, through the webhook's answer); what comes after its response node delays the answer by as little.
            if (pure(definition)) {
                work.run();
            } else {
                EngineThreads.EXECUTIONS.submit(work);
            }
            return execution;
        } catch (RuntimeException failure) {
            slots.release();
            throw failure;
        }
    }

    /** The instance runs as many executions as it may: try again shortly. */
    static final class EngineBusy extends dev.nex7.platform.ApiProblem {
        EngineBusy() {
            super(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "engine-busy", "Too many executions",
                    "This instance is running as many executions as it may; try again shortly.");
        }
    }

    /** Keeps a low-latency execution's runs in memory and hands the finished execution to the writer. */
    private final class MemorySink implements ExecutionRunner.Sink {
        private final List<NodeRun> runs = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void started(Execution execution, String scope, NodeDefinition node, int attempt) {
            announceStarted(execution, node, attempt);
        }

        @Override
        public void idle() {
            // Nothing is written before the execution ends.
        }

        @Override
        public void recorded(Execution execution, String scope, NodeDefinition node, NodeType type, NodeRun run) {
            if (scope.isEmpty()) {
                runs.add(run);
            }
            measureNode(node, run);
        }

        @Override
        public void skipped(Execution execution, String scope, List<NodeRun> skippedRuns) {
            if (scope.isEmpty()) {
                runs.addAll(skippedRuns);
            }
        }

        @Override
        public void parked(Execution execution, Instant wakeAt) {
            // runInMemory fails the execution when the runner parks.
        }

        @Override
        public void finished(Execution execution, ExecutionStatus status, Map<String, Object> error, List<NodeRun> skipped) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            runs.addAll(skipped);
            Instant now = clock.instant();
            List<NodeRun> all = List.copyOf(runs);
            Object result = lastOutput(all);
            long millis = Duration.between(execution.createdAt(), now).toMillis();
            measureExecution(status, millis);
            if (webhooks.awaited(execution.id())) {
                webhooks.ended(execution.id(), status, result);
            }
            live.publish(new LiveEvent("execution", execution.id().toString(), execution.workflowId().toString(), null, status.id(),
                    null, millis, error == null ? null : String.valueOf(error.get("message")), now));
            // The record keeps every node's status, timing, attempts and error, and the output of the node
            // that produced the result: node-by-node data is what the low-latency mode gives up.
            NodeRun last = all.stream().filter(run -> run.output() != null && run.finishedAt() != null)
                    .max(java.util.Comparator.comparing(NodeRun::finishedAt)).orElse(null);
            finishedWriter.add(new Executions.Finished(execution, status, error, all.stream().map(run -> run == last ? run : withoutOutput(run))
                    .toList(), now));
        }

        @Override
        public List<NodeRun> recordedIn(Execution execution, String scope) {
            return List.of();
        }
    }

    // --- lifecycle: polling and heartbeats run between application start and shutdown ---

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        poll();
    }

    /**
     * Also called again after {@link #stop()}: Spring pauses idle contexts (the test context cache does),
     * so a stopped engine must be able to start over.
     */
    @Override
    public void start() {
        stopping.set(false);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("nex7-engine").daemon().factory());
        running = true;
        scheduler.scheduleWithFixedDelay(this::poll, settings.pollInterval().toMillis(), settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeat, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        stopping.set(true);
        running = false;
        scheduler.shutdownNow();
        // Executions still running keep their lease until it expires; then any instance resumes them.
        held.keySet().forEach(id -> log.info("Execution {} is still running at shutdown; it resumes after restart", id));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop polling before the database goes away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
