package dev.nex7.workflow.nodes;

import java.util.ArrayList;
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
 * Turns the list inside a value into the value: {@code {order: 7, lines: [a, b]}} split on {@code lines}
 * gives {@code [a, b]}, optionally with the other fields copied into each element. Pairs with the loop
 * node (iterate the elements) and with aggregate (collect them back).
 */
@Component
public class SplitOut implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("split-out", 1)
            .displayName("Split out").category("data").icon("split")
            .description("Takes the list in a field and outputs it as a list of items.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("field", Schema.string().title("Field").description("Dot path of the list; blank: the input is the list"), false)
                    .property("include", Schema.string().enumOf("none", "other-fields").defaultValue("none").title("Also include"), false)
                    .property("destinationField", Schema.string().minLength(1).defaultValue("value").title("Field for non-object elements")
                            .description("With other fields included, an element that is not an object is put in this field"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        String field = (String) context.parameters().get("field");
        List<?> list = FieldPath.list(context.input(), field);
        if (!"other-fields".equals(context.parameters().get("include")) || !(context.input() instanceof Map<?, ?> parent)) {
            return NodeOutcome.emit(new ArrayList<>(list));
        }
        String top = field.strip().split("\\.")[0];
        String destination = String.valueOf(context.parameters().getOrDefault("destinationField", "value"));
        List<Object> out = new ArrayList<>(list.size());
        for (Object element : list) {
            Map<String, Object> item = new LinkedHashMap<>();
            parent.forEach((name, value) -> {
                if (!top.equals(name)) {
                    item.put(String.valueOf(name), value);
                }
            });
            if (element instanceof Map<?, ?> object) {
                object.forEach((name, value) -> item.put(String.valueOf(name), value));
            } else {
                item.put(destination, element);
            }
            out.add(item);
        }
        return NodeOutcome.emit(out);
    }
}
