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
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/**
 * Joins branches. {@code append} and {@code combine} wait for every connected input (skipped
 * branches count as arrived, with nothing); {@code first} goes on with whichever input arrives first.
 */
@Component
public class Merge implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("merge", 1)
            .displayName("Merge").category("flow").icon("merge")
            .description("Waits for its inputs and joins them: a list (append), one object (combine), or the first to arrive.")
            .input(Port.of("a", "A", PortType.ANY))
            .input(Port.of("b", "B", PortType.ANY))
            .output(Port.main())
            .parameters(Schema.object().property("mode", Schema.string().enumOf("append", "combine", "first").defaultValue("append")
                    .title("Mode"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean runsOnFirstInput(Map<String, Object> parameters) {
        return "first".equals(parameters.get("mode"));
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        Map<String, Object> inputs = context.inputs();
        String mode = String.valueOf(context.parameters().getOrDefault("mode", "append"));
        return switch (mode) {
            case "first" -> NodeOutcome.emit(inputs.values().iterator().next());
            case "combine" -> {
                Map<String, Object> combined = new LinkedHashMap<>();
                for (String port : List.of("a", "b")) {
                    Object value = inputs.get(port);
                    if (value instanceof Map<?, ?> map) {
                        map.forEach((key, item) -> combined.put(String.valueOf(key), item));
                    } else if (inputs.containsKey(port)) {
                        throw NodeFailure.permanent("not-an-object", "combine joins objects, but input " + port + " is not one.");
                    }
                }
                yield NodeOutcome.emit(combined);
            }
            default -> {
                List<Object> all = new ArrayList<>();
                for (String port : List.of("a", "b")) {
                    if (inputs.containsKey(port)) {
                        if (inputs.get(port) instanceof List<?> list) {
                            all.addAll(list);
                        } else {
                            all.add(inputs.get(port));
                        }
                    }
                }
                yield NodeOutcome.emit(all);
            }
        };
    }
}
