package dev.nex7.workflow.nodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Schema;

/**
 * Sets fields on the input object ({@code merge}) or builds an object of only those fields
 * ({@code replace}). A field name with dots ({@code customer.address.city}) sets a nested field,
 * creating the objects on the way; there is no array indexing. Values are usually {@code {{ }}}
 * expressions, which the engine has resolved before the node runs, so a value here is already JSON.
 *
 * <p>The input is never changed: the objects along each path are copied. A path that runs through a
 * value that is not an object ({@code name.first} when {@code name} is text) fails the node.
 */
@Component
public final class SetFields implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("set", 1)
            .displayName("Set fields")
            .category("data")
            .icon("pencil")
            .description("Sets fields on the input, or outputs only the fields set.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("mode", Schema.string().title("Mode")
                            .description("merge: the input with these fields set; replace: only these fields.")
                            .enumOf("merge", "replace").defaultValue("merge"), false)
                    .property("fields", Schema.array(Schema.object()
                            .property("name", Schema.string().title("Field").description("A name or a dot path: a.b.c")
                                    .minLength(1), true)
                            .property("value", Schema.any().title("Value"), false))
                            .title("Fields").defaultValue(List.of()), true))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        Object mode = context.parameters().getOrDefault("mode", "merge");
        if (!"merge".equals(mode) && !"replace".equals(mode)) {
            throw NodeFailure.permanent("invalid-parameters", "Mode must be merge or replace, not " + mode);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        if ("merge".equals(mode) && context.input() instanceof Map<?, ?> input) {
            input.forEach((key, value) -> output.put(String.valueOf(key), value));
        } else if ("merge".equals(mode) && context.input() != null) {
            context.log().warn("The input is not an object, so the fields are set on an empty one");
        }
        Object fields = context.parameters().getOrDefault("fields", List.of());
        if (!(fields instanceof List<?> list)) {
            throw NodeFailure.permanent("invalid-parameters", "Fields must be a list of {name, value}");
        }
        for (Object field : list) {
            if (!(field instanceof Map<?, ?> entry) || !(entry.get("name") instanceof String name) || name.isBlank()) {
                throw NodeFailure.permanent("invalid-parameters", "Every field needs a name");
            }
            set(output, name, entry.get("value"));
        }
        return NodeOutcome.emit(output);
    }

    private static void set(Map<String, Object> target, String path, Object value) throws NodeFailure {
        String[] names = path.split("\\.", -1);
        Map<String, Object> current = target;
        for (int i = 0; i < names.length - 1; i++) {
            String name = names[i];
            if (name.isEmpty()) {
                throw NodeFailure.permanent("invalid-parameters", "The field path '" + path + "' has an empty part");
            }
            Map<String, Object> child = new LinkedHashMap<>();
            switch (current.get(name)) {
                case null -> { }
                case Map<?, ?> existing -> existing.forEach((key, nested) -> child.put(String.valueOf(key), nested));
                default -> throw NodeFailure.permanent("invalid-parameters", "Cannot set '" + path + "': '"
                        + String.join(".", java.util.Arrays.copyOf(names, i + 1)) + "' is not an object");
            }
            current.put(name, child);
            current = child;
        }
        String last = names[names.length - 1];
        if (last.isEmpty()) {
            throw NodeFailure.permanent("invalid-parameters", "The field path '" + path + "' has an empty part");
        }
        current.put(last, value);
    }
}
