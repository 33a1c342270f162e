package dev.nex7.workflow.nodes;

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
 * Makes a workflow an <em>error workflow</em>: its active version starts when another workflow of the
 * same project fails (cancelled executions do not count). Emits
 * {@code {execution: {id, mode, status, failedNode, message}, workflow: {id, name}}}. Failures of
 * executions started by an error or event trigger start nothing, so error workflows cannot loop.
 */
@Component
public class ErrorTrigger implements NodeType {

    public static final String TYPE = "error-trigger";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Error").category("trigger").icon("alert-triangle").trigger()
            .description("Starts the active version when another workflow of this project fails: all of them, or the ones you list. "
                    + "Failures of runs an error or event trigger started start nothing.")
            .parameters(Schema.object()
                    .property("workflows", Schema.array(Schema.string().format("uuid")).defaultValue(List.of()).literal()
                            .title("Workflows").description("Ids of the workflows to watch; empty watches every other workflow of the project"),
                            false))
            .output(Port.of(Port.MAIN, "Failure", PortType.OBJECT))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Emits the failure it was started for; run by hand, the run's input ({} when none). */
    @Override
    public NodeOutcome execute(NodeContext context) {
        return NodeOutcome.emit(context.input() == null ? Map.of() : context.input());
    }
}
