package dev.nex7.workflow.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.util.unit.DataSize;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.project.ProjectId;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.catalog.NodeCatalog;
import dev.nex7.workflow.definition.EdgeDefinition;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.expression.ExpressionSettings;
import dev.nex7.workflow.expression.Expressions;
import dev.nex7.workflow.nodes.Merge;
import dev.nex7.workflow.nodes.SetFields;
import dev.nex7.workflow.nodes.WebhookTrigger;

/**
 * What the engine costs per node in the low-latency mode: one execution of a webhook trigger followed by
 * a chain of {@code chain} nodes, run by the same runner and sink the low-latency mode uses (in memory,
 * nothing written). The per-node overhead is (time(chain = 10) − time(chain = 1)) / 9.
 * {@code node = merge} passes its input on (the engine's own cost); {@code node = set} computes
 * {@code n = {{ body.n + 1 }}} like the peers' flows (engine plus one JSONata expression).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NodeOverheadBenchmark {

    @Param({"1", "10"})
    int chain;

    @Param({"merge", "set"})
    String node;

    private NodeCatalog catalog;
    private NodeInvoker invoker;
    private WorkflowDefinition definition;
    private final Semaphore permits = new Semaphore(512);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Object> input = Map.of("body", Map.of("n", 0, "msg", "hello", "id", "abc123"));

    @Setup
    public void setUp() {
        Expressions expressions = new Expressions(ExpressionSettings.defaults());
        List<NodeType> types = List.of(new WebhookTrigger(), new SetFields(), new Merge());
        catalog = new NodeCatalog(types);
        EngineSettings settings = new EngineSettings(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofMillis(500), 256, 8, 512, java.time.Duration.ofMinutes(5), DataSize.ofMegabytes(1), 10);
        invoker = new NodeInvoker(new ExpressionParameters(expressions), (project, id, kinds) -> {
            throw NodeFailure.permanent("credential-unavailable", "none here");
        }, settings, clock, outputs -> outputs);
        List<NodeDefinition> nodes = new ArrayList<>();
        List<EdgeDefinition> edges = new ArrayList<>();
        nodes.add(node("hook", WebhookTrigger.TYPE, Map.of("responseMode", "respond-node", "executionMode", "low-latency")));
        String previous = "hook";
        for (int i = 0; i < chain; i++) {
            String id = "n" + i;
            nodes.add("set".equals(node)
                    ? node(id, "set", Map.of("fields", List.of(Map.of("name", "body.n", "value", "{{ body.n + 1 }}"))))
                    : node(id, "merge", Map.of("mode", "append")));
            edges.add(new EdgeDefinition(previous, "main", id, "set".equals(node) ? "main" : "a"));
            previous = id;
        }
        definition = new WorkflowDefinition(nodes, edges, List.of());
    }

    private static NodeDefinition node(String id, String type, Map<String, Object> parameters) {
        return new NodeDefinition(id, type, 1, id, null, parameters, null, null, null, Map.of());
    }

    @Benchmark
    public Object execution() throws InterruptedException {
        Instant now = clock.instant();
        Execution execution = new Execution(ExecutionId.random(), new WorkflowId(java.util.UUID.randomUUID()),
                new ProjectId(java.util.UUID.randomUUID()), 1, "hash", ExecutionStatus.RUNNING, "webhook", "hook", input, Map.of(), Map.of(),
                null, null, null, 0, null, false, now, now, null);
        CountingSink sink = new CountingSink();
        NodeInvoker.Run run = new NodeInvoker.Run(execution, Map.of("id", execution.id().toString()), Map.of(), () -> false);
        new ExecutionRunner(execution, definition, List.of(), catalog, invoker, run, sink, clock, 8, permits, () -> false).run();
        if (sink.status != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("The benchmark flow failed: " + sink.error);
        }
        return sink.runs;
    }

    /** What the low-latency mode's sink keeps: the runs, in memory. */
    private static final class CountingSink implements ExecutionRunner.Sink {
        final List<NodeRun> runs = new ArrayList<>();
        ExecutionStatus status;
        Map<String, Object> error;

        @Override public void started(Execution execution, String scope, NodeDefinition node, int attempt) { }
        @Override public void recorded(Execution execution, String scope, NodeDefinition node, NodeType type, NodeRun run) { runs.add(run); }
        @Override public void skipped(Execution execution, String scope, List<NodeRun> skipped) { runs.addAll(skipped); }
        @Override public void parked(Execution execution, Instant wakeAt) { }
        @Override public void finished(Execution execution, ExecutionStatus ended, Map<String, Object> failure, List<NodeRun> skipped) {
            status = ended;
            error = failure;
        }
        @Override public void idle() { }
        @Override public List<NodeRun> recordedIn(Execution execution, String scope) { return List.of(); }
    }
}
