package dev.nex7.workflow.nodes;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/** Starts an execution when someone presses Run (or calls the API), with the input they give. */
@Component
public class ManualTrigger implements NodeType {

    public static final String TYPE = "manual-trigger";
    /** The parameter holding the JSON Schema of the input: what MCP clients and agents see as the workflow's parameters. */
    public static final String INPUT_SCHEMA = "inputSchema";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Manual trigger").category("trigger").icon("play").trigger()
            .description("Starts the workflow when you run it from the editor or the API; emits the run's input ({} when none). "
                    + "With an active version, the workflow is published: MCP clients and AI agents may call it as a tool.")
            .parameters(Schema.object()
                    .property(INPUT_SCHEMA, Schema.map(Schema.any()).literal().title("Input schema")
                            .description("A JSON Schema for the input, e.g. {\"type\": \"object\", \"properties\": {\"email\": "
                                    + "{\"type\": \"string\"}}, \"required\": [\"email\"]}. MCP clients and agents see it as the "
                                    + "tool's parameters, and their calls must match it."), false))
            .output(Port.of(Port.MAIN, "Input", PortType.ANY))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) {
        return NodeOutcome.emit(context.input() == null ? Map.of() : context.input());
    }
}
