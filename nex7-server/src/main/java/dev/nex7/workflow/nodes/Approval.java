package dev.nex7.workflow.nodes;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Resumption;
import dev.nex7.plugin.node.Schema;

/**
 * Human approval: parks the execution until a project member with the chosen role approves or rejects
 * it ({@code POST /api/executions/{id}/approvals/{nodeId}}), or until the optional timeout. The decision
 * leaves by the {@code approved}, {@code rejected} or {@code timeout} port with who decided, when and why;
 * the waiting is durable, like the wait node's.
 */
@Component
public class Approval implements NodeType {

    public static final String TYPE = "approval";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Human approval").category("flow").icon("user-check")
            .description("Pauses until someone with rights approves or rejects, in the UI or through the API.")
            .input(Port.main())
            .output(Port.of("approved", "Approved", PortType.ANY))
            .output(Port.of("rejected", "Rejected", PortType.ANY))
            .output(Port.of("timeout", "Timed out", PortType.ANY))
            .parameters(Schema.object()
                    .property("message", Schema.string().title("Message").description("What the approver is asked; may use expressions")
                            .defaultValue("Approve?"), false)
                    .property("approverRole", Schema.string().enumOf("editor", "owner").defaultValue("editor").title("Who may decide"), false)
                    .property("timeoutMinutes", Schema.integer().minimum(0).maximum(525_600).defaultValue(0).title("Timeout (minutes)")
                            .description("0 waits for ever"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        if (context.resumption().isEmpty()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("input", context.input());
            state.put("message", String.valueOf(context.parameters().getOrDefault("message", "Approve?")));
            state.put("approverRole", String.valueOf(context.parameters().getOrDefault("approverRole", "editor")));
            long minutes = ((Number) context.parameters().getOrDefault("timeoutMinutes", 0)).longValue();
            if (minutes == 0) {
                return NodeOutcome.suspendForSignal(state);
            }
            Instant deadline = context.clock().instant().plus(Duration.ofMinutes(minutes));
            state.put("deadline", deadline.toString());
            return NodeOutcome.suspendUntil(deadline, state);
        }
        Resumption resumption = context.resumption().get();
        Map<?, ?> state = (Map<?, ?>) resumption.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", state.get("input"));
        if (resumption.signal() instanceof Map<?, ?> decision) {
            out.put("approval", decision);
            return NodeOutcome.emit("approve".equals(decision.get("decision")) ? "approved" : "rejected", out);
        }
        out.put("approval", Map.of("decision", "timeout", "deadline", String.valueOf(state.get("deadline"))));
        return NodeOutcome.emit("timeout", out);
    }
}
