package dev.nex7.workflow.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/**
 * Routes its input to the first matching case (or to every matching case), or to {@code default}.
 * It has one output port per case: {@code case0}, {@code case1}, ...
 */
@Component
public class Switch implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("switch", 1)
            .displayName("Switch").category("flow").icon("route")
            .description("Routes the input by a list of conditions: one output per case, plus default.")
            .input(Port.main())
            .output(Port.of("default", "Default", PortType.ANY))
            .parameters(Schema.object()
                    .property("cases", Schema.array(Schema.object()
                            .property("label", Schema.string().title("Label"), false)
                            .property("condition", Schema.any().title("Condition"), true)).title("Cases"), true)
                    .property("mode", Schema.string().enumOf("first", "all").defaultValue("first").title("Match")
                            .description("first: only the first matching case; all: every matching case"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<Port> outputs(Map<String, Object> parameters) {
        List<Port> ports = new ArrayList<>();
        if (parameters.get("cases") instanceof List<?> cases) {
            for (int i = 0; i < cases.size(); i++) {
                String label = cases.get(i) instanceof Map<?, ?> item && item.get("label") instanceof String text && !text.isBlank()
                        ? text : "Case " + (i + 1);
                ports.add(Port.of("case" + i, label, PortType.ANY));
            }
        }
        ports.addAll(DESCRIPTOR.outputs());
        return ports;
    }

    @Override
    public NodeOutcome execute(NodeContext context) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        boolean firstOnly = !"all".equals(context.parameters().get("mode"));
        if (context.parameters().get("cases") instanceof List<?> cases) {
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i) instanceof Map<?, ?> item && Truthiness.of(item.get("condition"))) {
                    outputs.put("case" + i, context.input());
                    if (firstOnly) {
                        break;
                    }
                }
            }
        }
        if (outputs.isEmpty()) {
            outputs.put("default", context.input());
        }
        return new NodeOutcome.Emitted(outputs);
    }
}
