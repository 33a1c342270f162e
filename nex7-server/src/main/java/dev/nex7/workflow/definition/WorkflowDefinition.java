package dev.nex7.workflow.definition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    /** The same definition (notes included) with other nodes and edges: a part of the graph, such as a loop's body. */
    public WorkflowDefinition withGraph(List<NodeDefinition> otherNodes, List<EdgeDefinition> otherEdges) {
        return new WorkflowDefinition(otherNodes, otherEdges, notes);
    }

    /** The nodes reachable from {@code nodeId}'s output {@code port}, not passing through {@code nodeId} again (a loop's body). */
    public Set<String> reachableFrom(String nodeId, String port) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        edgesOutOf(nodeId).stream().filter(edge -> port.equals(edge.sourcePort())).forEach(edge -> pending.add(edge.target()));
        while (!pending.isEmpty()) {
            String id = pending.poll();
            if (!id.equals(nodeId) && seen.add(id)) {
                edgesOutOf(id).forEach(edge -> pending.add(edge.target()));
            }
        }
        return seen;
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
