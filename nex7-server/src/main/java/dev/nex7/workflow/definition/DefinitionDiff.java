package dev.nex7.workflow.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two definitions: nodes added, removed and changed (with the paths of the
 * changed fields, parameters down to the leaf), and edges added and removed.
 */
public record DefinitionDiff(List<String> addedNodes, List<String> removedNodes, List<NodeChange> changedNodes,
        List<EdgeDefinition> addedEdges, List<EdgeDefinition> removedEdges) {

    /** A node present on both sides whose fields differ, as JSON pointers relative to the node. */
    public record NodeChange(String nodeId, List<String> changes) {
    }

    public boolean isEmpty() {
        return addedNodes.isEmpty() && removedNodes.isEmpty() && changedNodes.isEmpty() && addedEdges.isEmpty() && removedEdges.isEmpty();
    }

    /** The changes that turn {@code from} into {@code to}. */
    public static DefinitionDiff between(WorkflowDefinition from, WorkflowDefinition to) {
        Map<String, NodeDefinition> before = from.nodesById();
        Map<String, NodeDefinition> after = to.nodesById();
        List<String> added = after.keySet().stream().filter(id -> !before.containsKey(id)).toList();
        List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).toList();
        List<NodeChange> changed = new ArrayList<>();
        after.forEach((id, node) -> {
            NodeDefinition old = before.get(id);
            if (old != null) {
                List<String> changes = nodeChanges(old, node);
                if (!changes.isEmpty()) {
                    changed.add(new NodeChange(id, changes));
                }
            }
        });
        Set<EdgeDefinition> oldEdges = new LinkedHashSet<>(from.edges());
        Set<EdgeDefinition> newEdges = new LinkedHashSet<>(to.edges());
        return new DefinitionDiff(added, removed, changed,
                newEdges.stream().filter(edge -> !oldEdges.contains(edge)).toList(),
                oldEdges.stream().filter(edge -> !newEdges.contains(edge)).toList());
    }

    private static List<String> nodeChanges(NodeDefinition old, NodeDefinition node) {
        List<String> changes = new ArrayList<>();
        compare(changes, "/type", old.type(), node.type());
        compare(changes, "/typeVersion", old.typeVersion(), node.typeVersion());
        compare(changes, "/name", old.name(), node.name());
        compare(changes, "/position", old.position(), node.position());
        compare(changes, "/retry", old.retry(), node.retry());
        compare(changes, "/timeout", old.timeout(), node.timeout());
        compare(changes, "/onError", old.onErrorOrDefault(), node.onErrorOrDefault());
        compare(changes, "/credentials", old.credentials(), node.credentials());
        leafChanges(changes, "/parameters", old.parameters(), node.parameters());
        return changes;
    }

    private static void compare(List<String> changes, String path, Object old, Object now) {
        if (!Objects.equals(old, now)) {
            changes.add(path);
        }
    }

    private static void leafChanges(List<String> changes, String path, Object old, Object now) {
        if (old instanceof Map<?, ?> oldMap && now instanceof Map<?, ?> newMap) {
            Set<Object> keys = new LinkedHashSet<>(oldMap.keySet());
            keys.addAll(newMap.keySet());
            for (Object key : keys) {
                leafChanges(changes, path + "/" + escape(String.valueOf(key)), oldMap.get(key), newMap.get(key));
            }
        } else if (!sameJson(old, now)) {
            changes.add(path);
        }
    }

    /** JSON equality: 1 and 1.0 from different parsers are the same number. */
    private static boolean sameJson(Object old, Object now) {
        if (old instanceof Number a && now instanceof Number b) {
            return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(old, now);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
