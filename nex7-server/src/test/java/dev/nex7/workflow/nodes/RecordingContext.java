package dev.nex7.workflow.nodes;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.nex7.plugin.node.Cancellation;
import dev.nex7.plugin.node.Credential;
import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeLogger;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Resumption;

/** A node context for unit tests: a given input and parameters, log lines recorded, a fixed clock. */
final class RecordingContext implements NodeContext {

    final List<String> info = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final Object input;
    private final Map<String, Object> parameters;
    private final Map<String, Credential> credentials = new java.util.HashMap<>();

    RecordingContext(Object input, Map<String, Object> parameters) {
        this.input = input;
        this.parameters = parameters;
    }

    @Override public String executionId() { return "exec-1"; }
    @Override public String workflowId() { return "wf-1"; }
    @Override public String nodeId() { return "node-1"; }
    @Override public int attempt() { return 1; }
    @Override public String idempotencyKey() { return "exec-1:node-1:1"; }
    @Override public Object input() { return input; }

    @Override
    public Map<String, Object> inputs() {
        java.util.Map<String, Object> inputs = new java.util.HashMap<>();
        inputs.put(Port.MAIN, input);
        return inputs;
    }

    @Override public Map<String, Object> parameters() { return parameters; }
    /** Hands {@code credential} to the node for {@code slot}. */
    RecordingContext with(String slot, Credential credential) {
        credentials.put(slot, credential);
        return this;
    }

    @Override public Optional<Credential> credential(String slot) { return Optional.ofNullable(credentials.get(slot)); }
    @Override public Optional<Resumption> resumption() { return Optional.empty(); }

    @Override
    public NodeLogger log() {
        return new NodeLogger() {
            @Override public void info(String message) { info.add(message); }
            @Override public void warn(String message) { warnings.add(message); }
        };
    }

    @Override public Cancellation cancellation() { return () -> false; }
    @Override public Clock clock() { return Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC); }
}
