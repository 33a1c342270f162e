package dev.nex7.workflow.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nex7.plugin.node.Cancellation;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.CredentialSlot;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeLogger;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Resumption;
import dev.nex7.workflow.catalog.NodeCatalog;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.OnError;
import dev.nex7.workflow.definition.RetryPolicy;

/**
 * Runs one node to a recorded outcome: resolves its parameters, opens its credentials, calls it on
 * a virtual thread under its timeout, retries by its policy, applies its on-error choice, caps its
 * output and scrubs secrets from everything it leaves behind.
 */
final class NodeInvoker {

    private static final Logger log = LoggerFactory.getLogger(NodeInvoker.class);
    private static final int MAX_LOG_LINES = 200;

    /** Everything about the execution a node run needs. */
    /**
     * @param scope {@code ""} for the execution's own node runs; {@code loopId#n} (nested: joined by {@code /}) inside loop iterations
     */
    record Run(Execution execution, Map<String, Object> executionInfo, Map<String, Object> workflowInfo, Cancellation cancellation,
            String scope) {

        Run(Execution execution, Map<String, Object> executionInfo, Map<String, Object> workflowInfo, Cancellation cancellation) {
            this(execution, executionInfo, workflowInfo, cancellation, "");
        }

        Run inScope(String inner) {
            return new Run(execution, executionInfo, workflowInfo, cancellation, inner);
        }
    }

    private final NodeServices.ParameterResolver parameters;
    private final NodeServices.CredentialSource credentials;
    private final EngineSettings settings;
    private final Clock clock;
    private final OutputLimit outputLimit;

    NodeInvoker(NodeServices.ParameterResolver parameters, NodeServices.CredentialSource credentials, EngineSettings settings,
            Clock clock, OutputLimit outputLimit) {
        this.parameters = parameters;
        this.credentials = credentials;
        this.settings = settings;
        this.clock = clock;
        this.outputLimit = outputLimit;
    }

    /** Caps what a node emits: an output larger than the limit becomes a marker. */
    interface OutputLimit {
        Map<String, Object> cap(Map<String, Object> outputs);
    }

    /**
     * Runs the node until it succeeds, fails for good, or suspends.
     *
     * @param waiting the node's stored waiting run when it is being resumed, otherwise {@code null}
     */
    NodeRun invoke(Run run, NodeDefinition node, NodeType type, Map<String, Object> inputs, Map<String, Object> nodesByName,
            NodeRun waiting) {
        Instant started = waiting == null ? clock.instant() : waiting.startedAt();
        List<Object> failures = new ArrayList<>(waiting == null ? List.of() : waiting.failures());
        RetryPolicy retry = node.retry() == null ? RetryPolicy.NONE : node.retry();
        Set<String> secrets = new HashSet<>();
        List<String> logs = Collections.synchronizedList(new ArrayList<>());
        int attempt = failures.size() + 1;
        while (true) {
            NodeFailure failure;
            try {
                NodeOutcome outcome = attempt(run, node, type, inputs, nodesByName, waiting, attempt, secrets, logs);
                return recorded(node, outcome, attempt, failures, secrets, logs, started);
            } catch (NodeFailure nodeFailure) {
                failure = nodeFailure;
            }
            Map<String, Object> error = error(failure, attempt, secrets);
            if (!run.cancellation().isCancelled() && retry.retries(attempt, failure.retryable())) {
                failures.add(error);
                Duration delay = retry.delayAfter(attempt);
                if (!pause(delay, run.cancellation())) {
                    return failed(node, attempt, failures, error, secrets, logs, started);
                }
                attempt++;
                waiting = null;
                continue;
            }
            return failed(node, attempt, failures, error, secrets, logs, started);
        }
    }

    private NodeOutcome attempt(Run run, NodeDefinition node, NodeType type, Map<String, Object> inputs,
            Map<String, Object> nodesByName, NodeRun waiting, int attempt, Set<String> secrets, List<String> logs) throws NodeFailure {
        Map<String, Object> withDefaults = NodeCatalog.withDefaults(type.descriptor(), node.parameters());
        Object input = inputs.get(Port.MAIN);
        Map<String, Object> resolved = parameters.resolve(withDefaults, NodeCatalog.literalParameters(type), input, nodesByName,
                run.executionInfo(), run.workflowInfo());
        Map<String, Credential> opened = new LinkedHashMap<>();
        for (CredentialSlot slot : type.descriptor().credentials()) {
            String id = node.credentials().get(slot.name());
            if (id != null) {
                Credential credential = credentials.open(run.execution().projectId(), id, slot.kinds());
                credential.fields().values().forEach(secrets::add);
                opened.put(slot.name(), credential);
            }
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        Cancellation cancellation = () -> timedOut.get() || run.cancellation().isCancelled();
        Optional<Resumption> resumption = waiting == null ? Optional.empty()
                : Optional.of(new Resumption(waiting.state(), waiting.signal(),
                        waiting.signal() == null && waiting.wakeAt() != null && !clock.instant().isBefore(waiting.wakeAt())));
        String key = run.execution().id() + ":" + node.id() + ":" + attempt + (run.scope().isEmpty() ? "" : ":" + run.scope());
        NodeContext context = new Context(run, node, attempt, key, input, inputs, resolved, opened, resumption, logs, cancellation);
        if (inline(type)) {
            try {
                return type.execute(context);
            } catch (NodeFailure failure) {
                throw failure;
            } catch (Exception bug) {
                throw classify(bug);
            }
        }
        Duration timeout = node.timeout() == null ? settings.defaultNodeTimeout() : Duration.ofMillis(node.timeout());
        Future<NodeOutcome> future = EngineThreads.NODES.submit(() -> type.execute(context));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    // Wait in short slices so that a cancelled execution stops its nodes promptly.
                    return future.get(Math.max(0, Math.min(left, 100_000_000L)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    if (run.cancellation().isCancelled()) {
                        future.cancel(true);
                        throw NodeFailure.permanent("cancelled", "The execution was cancelled.");
                    }
                    if (deadline - System.nanoTime() <= 0) {
                        timedOut.set(true);
                        future.cancel(true);
                        throw NodeFailure.retryable("timeout", "The node did not finish within " + timeout.toMillis() + " ms.");
                    }
                }
            }
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw NodeFailure.permanent("cancelled", "The node run was cancelled.");
        } catch (ExecutionException failed) {
            throw classify(failed.getCause());
        }
    }

    /** I/O trouble is worth retrying; a bug or bad data is not. */
    static NodeFailure classify(Throwable cause) {
        if (cause instanceof NodeFailure failure) {
            return failure;
        }
        if (cause instanceof IOException || cause instanceof UncheckedIOException) {
            return new NodeFailure("io-error", String.valueOf(cause.getMessage()), true, null);
        }
        if (cause instanceof InterruptedException) {
            return NodeFailure.permanent("cancelled", "The node run was cancelled.");
        }
        log.debug("Node failed with an unexpected exception", cause);
        return NodeFailure.permanent("node-error", cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private NodeRun recorded(NodeDefinition node, NodeOutcome outcome, int attempt, List<Object> failures, Set<String> secrets,
            List<String> logs, Instant started) {
        List<String> lines = scrubbedLogs(logs, secrets);
        if (outcome instanceof NodeOutcome.Suspended suspended) {
            return new NodeRun(node.id(), NodeRunStatus.WAITING, attempt, null, null, failures,
                    Secrets.scrub(suspended.state(), secrets), null, suspended.until(), lines, false, started, null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) Secrets.scrub(((NodeOutcome.Emitted) outcome).outputs(), secrets);
        return new NodeRun(node.id(), NodeRunStatus.SUCCEEDED, attempt, outputLimit.cap(outputs), null, failures, null, null, null,
                lines, false, started, clock.instant());
    }

    /**
     * Built-in nodes that only compute, bounded by the expression limits, and never block: they run on
     * the calling thread, without the hand-off that gives other nodes their time limit and interruption.
     */
    private static final Set<String> INLINE = Set.of("manual-trigger", "webhook-trigger", "respond-to-webhook", "set", "if", "switch",
            "merge", "transform", "split-out", "aggregate");

    static boolean inline(NodeType type) {
        return INLINE.contains(type.descriptor().type()) && type.getClass().getName().startsWith("dev.nex7.workflow.nodes.");
    }

    /** A run the engine produced itself (a loop): its outputs capped like any node's. */
    NodeRun succeeded(NodeDefinition node, Map<String, Object> outputs, Instant started) {
        return new NodeRun(node.id(), NodeRunStatus.SUCCEEDED, 1, outputLimit.cap(outputs), null, List.of(), null, null, null,
                List.of(), false, started, clock.instant());
    }

    /** A failure the engine found itself (a loop's body failed), with the node's on-error choice applied. */
    NodeRun failure(NodeDefinition node, NodeFailure failure, Instant started) {
        return failed(node, 1, List.of(), error(failure, 1, Set.of()), Set.of(), List.of(), started);
    }

    private NodeRun failed(NodeDefinition node, int attempt, List<Object> failures, Map<String, Object> error, Set<String> secrets,
            List<String> logs, Instant started) {
        Map<String, Object> output = switch (node.onErrorOrDefault()) {
            case STOP -> null;
            case CONTINUE -> singleOutput(Port.MAIN, Map.of());
            case ROUTE -> singleOutput(Port.ERROR, Map.of("nodeId", node.id(), "code", error.get("code"), "message", error.get("message")));
        };
        return new NodeRun(node.id(), NodeRunStatus.FAILED, attempt, output, error, failures, null, null, null,
                scrubbedLogs(logs, secrets), false, started, clock.instant());
    }

    private static Map<String, Object> singleOutput(String port, Object value) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put(port, value);
        return output;
    }

    private static Map<String, Object> error(NodeFailure failure, int attempt, Set<String> secrets) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", failure.code());
        error.put("message", Secrets.scrubText(String.valueOf(failure.getMessage()), secrets));
        error.put("retryable", failure.retryable());
        error.put("attempt", attempt);
        return error;
    }

    private static List<String> scrubbedLogs(List<String> logs, Set<String> secrets) {
        synchronized (logs) {
            return logs.stream().map(line -> Secrets.scrubText(line, secrets)).toList();
        }
    }

    /** Waits between attempts; false when cancelled meanwhile. */
    private static boolean pause(Duration delay, Cancellation cancellation) {
        long until = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < until) {
            if (cancellation.isCancelled()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !cancellation.isCancelled();
    }

    /** Whether a failed run stops the execution. */
    static boolean fatal(NodeDefinition node, NodeRun run) {
        return run.status() == NodeRunStatus.FAILED && node.onErrorOrDefault() == OnError.STOP;
    }

    private final class Context implements NodeContext {
        private final Run run;
        private final NodeDefinition node;
        private final int attempt;
        private final String key;
        private final Object input;
        private final Map<String, Object> inputs;
        private final Map<String, Object> parameters;
        private final Map<String, Credential> credentials;
        private final Optional<Resumption> resumption;
        private final List<String> logs;
        private final Cancellation cancellation;

        Context(Run run, NodeDefinition node, int attempt, String key, Object input, Map<String, Object> inputs,
                Map<String, Object> parameters, Map<String, Credential> credentials, Optional<Resumption> resumption,
                List<String> logs, Cancellation cancellation) {
            this.run = run;
            this.node = node;
            this.attempt = attempt;
            this.key = key;
            this.input = input;
            this.inputs = Collections.unmodifiableMap(inputs);
            this.parameters = Collections.unmodifiableMap(parameters);
            this.credentials = credentials;
            this.resumption = resumption;
            this.logs = logs;
            this.cancellation = cancellation;
        }

        @Override public String executionId() { return run.execution().id().toString(); }
        @Override public String workflowId() { return run.execution().workflowId().toString(); }
        @Override public String nodeId() { return node.id(); }
        @Override public int attempt() { return attempt; }
        @Override public String idempotencyKey() { return key; }
        @Override public Object input() { return input; }
        @Override public Map<String, Object> inputs() { return inputs; }
        @Override public Map<String, Object> parameters() { return parameters; }
        @Override public Optional<Credential> credential(String slot) { return Optional.ofNullable(credentials.get(slot)); }
        @Override public Optional<Resumption> resumption() { return resumption; }
        @Override public Cancellation cancellation() { return cancellation; }
        @Override public Clock clock() { return clock; }

        @Override
        public NodeLogger log() {
            return new NodeLogger() {
                @Override public void info(String message) { add("INFO " + message); }
                @Override public void warn(String message) { add("WARN " + message); }
            };
        }

        private void add(String line) {
            synchronized (logs) {
                if (logs.size() < MAX_LOG_LINES) {
                    logs.add(line.length() > 2000 ? line.substring(0, 2000) + "…" : line);
                }
            }
        }
    }
}
