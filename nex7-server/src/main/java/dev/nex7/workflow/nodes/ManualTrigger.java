package dev.nex7.workflow.nodes;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;

/** Starts an execution when someone presses Run (or calls the API), with the input they give. */
@Component
public class ManualTrigger implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("manual-trigger", 1)
            .displayName("Manual trigger").category("trigger").icon("play").trigger()
            .description("Starts the workflow when you run it from the editor or the API; emits the run's input ({} when none).")
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
