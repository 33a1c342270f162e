package dev.nex7.workflow.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeType;

/**
 * Every node type NEX7 knows, built-in or from a plugin: the one source of truth for the palette,
 * the inspector and validation.
 */
@Component
public class NodeCatalog {

    private final Map<String, TreeMap<Integer, NodeType>> types = new LinkedHashMap<>();

    public NodeCatalog(List<NodeType> nodeTypes) {
        nodeTypes.stream().sorted(Comparator.comparing(type -> type.descriptor().type())).forEach(this::register);
    }

    private void register(NodeType nodeType) {
        NodeDescriptor descriptor = nodeType.descriptor();
        NodeType previous = types.computeIfAbsent(descriptor.type(), name -> new TreeMap<>())
                .putIfAbsent(descriptor.version(), nodeType);
        if (previous != null) {
            throw new IllegalStateException("Two node types are registered as " + descriptor.type() + " v" + descriptor.version()
                    + ": " + previous.getClass().getName() + " and " + nodeType.getClass().getName());
        }
    }

    public Optional<NodeType> find(String type, int version) {
        TreeMap<Integer, NodeType> versions = types.get(type);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    public boolean knowsType(String type) {
        return types.containsKey(type);
    }

    /** Every registered type and version, grouped by type name, oldest version first. */
    public List<NodeType> all() {
        return types.values().stream().flatMap(versions -> versions.values().stream()).toList();
    }

    /** Parameters whose schema says {@code "x-expression": false}: their {@code {{ }}} stays text (code, for example). */
    public static Set<String> literalParameters(NodeType type) {
        Object properties = type.descriptor().parameterSchema().get("properties");
        Set<String> literal = new HashSet<>();
        if (properties instanceof Map<?, ?> map) {
            map.forEach((name, schema) -> {
                if (schema instanceof Map<?, ?> property && Boolean.FALSE.equals(property.get("x-expression"))) {
                    literal.add(String.valueOf(name));
                }
            });
        }
        return literal;
    }

    /** The parameters with the schema's top-level defaults filled in where a value is absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withDefaults(NodeDescriptor descriptor, Map<String, Object> parameters) {
        Object properties = descriptor.parameterSchema().get("properties");
        if (!(properties instanceof Map<?, ?> schemaProperties)) {
            return parameters;
        }
        Map<String, Object> filled = new LinkedHashMap<>(parameters);
        ((Map<String, Object>) schemaProperties).forEach((name, schema) -> {
            if (!filled.containsKey(name) && schema instanceof Map<?, ?> property && property.containsKey("default")) {
                filled.put(name, property.get("default"));
            }
        });
        return filled;
    }
}
