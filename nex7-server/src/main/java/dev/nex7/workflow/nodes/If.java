package dev.nex7.workflow.nodes;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/** Sends its input down the {@code true} or the {@code false} branch; the other branch is skipped. */
@Component
public class If implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("if", 1)
            .displayName("If").category("flow").icon("split")
            .description("Routes the input to true or false by a condition, usually an expression such as {{ $input.total > 100 }}.")
            .input(Port.main())
            .output(Port.of("true", "True", PortType.ANY))
            .output(Port.of("false", "False", PortType.ANY))
            .parameters(Schema.object().property("condition", Schema.any().title("Condition")
                    .description("true, a non-empty string or list, a non-zero number or a non-empty object count as true"), true))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) {
        boolean matched = Truthiness.of(context.parameters().get("condition"));
        return NodeOutcome.emit(matched ? "true" : "false", context.input());
    }
}
