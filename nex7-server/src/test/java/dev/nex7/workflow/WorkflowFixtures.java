package dev.nex7.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds workflow definitions for tests as plain JSON-like maps. */
public final class WorkflowFixtures {

    private final List<Map<String, Object>> nodes = new ArrayList<>();
    private final List<Map<String, Object>> edges = new ArrayList<>();

    public static WorkflowFixtures definition() {
        return new WorkflowFixtures();
    }

    public WorkflowFixtures node(String id, String type, Map<String, Object> parameters) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", id);
        node.put("type", type);
        node.put("typeVersion", 1);
        node.put("name", id);
        node.put("position", Map.of("x", nodes.size() * 200, "y", 0));
        node.put("parameters", parameters);
        nodes.add(node);
        return this;
    }

    /** Adds a member to the last node added (retry, timeout, onError, credentials). */
    public WorkflowFixtures with(String member, Object value) {
        nodes.getLast().put(member, value);
        return this;
    }

    public WorkflowFixtures edge(String source, String target) {
        return edge(source, "main", target, "main");
    }

    public WorkflowFixtures edge(String source, String sourcePort, String target, String targetPort) {
        edges.add(Map.of("source", source, "sourcePort", sourcePort, "target", target, "targetPort", targetPort));
        return this;
    }

    public Map<String, Object> build() {
        return Map.of("nodes", nodes, "edges", edges);
    }
}
