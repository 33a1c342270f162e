package dev.nex7.workflow.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What people draw on the canvas: nodes and the edges between them. Immutable; a draft is replaced
 * as a whole, and a version never changes once saved.
 *
 * @param nodes the nodes, in the order the author placed them
 * @param edges connections from a node's output port to another node's input port
 * @param notes sticky notes on the canvas; kept as they are and never interpreted by the engine
 */
public record WorkflowDefinition(List<NodeDefinition> nodes, List<EdgeDefinition> edges, List<Map<String, Object>> notes) {

    public WorkflowDefinition {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static WorkflowDefinition empty() {
        return new WorkflowDefinition(List.of(), List.of(), List.of());
    }

    public Optional<NodeDefinition> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    /** Nodes by id; the first wins when ids repeat (validation reports the repetition). */
    public Map<String, NodeDefinition> nodesById() {
        Map<String, NodeDefinition> byId = new LinkedHashMap<>();
        nodes.forEach(node -> byId.putIfAbsent(node.id(), node));
        return byId;
    }

    public List<EdgeDefinition> edgesInto(String nodeId) {
        return edges.stream().filter(edge -> Objects.equals(edge.target(), nodeId)).toList();
    }

    public List<EdgeDefinition> edgesOutOf(String nodeId) {
        return edges.stream().filter(edge -> Objects.equals(edge.source(), nodeId)).toList();
    }
}
