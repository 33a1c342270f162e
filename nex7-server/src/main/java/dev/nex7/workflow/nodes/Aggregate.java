package dev.nex7.workflow.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.Schema;

/**
 * Collects a list of items into one object: either the values of chosen fields ({@code fields: ["id"]}
 * over {@code [{id: 1}, {id: 2}]} gives {@code {id: [1, 2]}}) or the whole list under one field.
 */
@Component
public class Aggregate implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("aggregate", 1)
            .displayName("Aggregate").category("data").icon("layers")
            .description("Collects a list of items into one object: chosen fields' values, or all items.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("mode", Schema.string().enumOf("fields", "all").defaultValue("fields").title("Collect"), false)
                    .property("fields", Schema.array(Schema.string().minLength(1)).title("Fields")
                            .description("Dot paths whose values are collected, each into a list named after the path"), false)
                    .property("destinationField", Schema.string().minLength(1).defaultValue("items").title("Field for all items"), false)
                    .property("skipMissing", Schema.bool().defaultValue(true).title("Skip missing and null values"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        List<?> items = context.input() instanceof List<?> list ? list : context.input() == null ? List.of() : List.of(context.input());
        Map<String, Object> out = new LinkedHashMap<>();
        if ("all".equals(context.parameters().get("mode"))) {
            out.put(String.valueOf(context.parameters().getOrDefault("destinationField", "items")), items);
            return NodeOutcome.emit(out);
        }
        Object fields = context.parameters().get("fields");
        if (!(fields instanceof List<?> paths) || paths.isEmpty()) {
            throw NodeFailure.permanent("invalid-parameters", "Name at least one field to collect, or collect all items.");
        }
        boolean skipMissing = !Boolean.FALSE.equals(context.parameters().get("skipMissing"));
        for (Object path : paths) {
            List<Object> values = new ArrayList<>();
            for (Object item : items) {
                Optional<Object> value = FieldPath.read(item, String.valueOf(path));
                if (value.isPresent() || !skipMissing) {
                    values.add(value.orElse(null));
                }
            }
            out.put(String.valueOf(path), values);
        }
        return NodeOutcome.emit(out);
    }
}
