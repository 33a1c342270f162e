package dev.nex7.workflow.nodes;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * Pauses the branch for a while or until a moment. Durable: the wake-up time is stored, the
 * execution gives up its thread and lease, and it continues on any instance, also after a restart.
 */
@Component
public class Wait implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("wait", 1)
            .displayName("Wait").category("flow").icon("hourglass")
            .description("Waits for a duration or until a date-time, then passes its input on. Survives restarts.")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("amount", Schema.number().minimum(0).defaultValue(1).title("Amount"), false)
                    .property("unit", Schema.string().enumOf("seconds", "minutes", "hours", "days").defaultValue("minutes").title("Unit"), false)
                    .property("until", Schema.string().title("Until").description("An ISO-8601 instant; overrides amount and unit"), false))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        if (context.resumption().isPresent()) {
            return NodeOutcome.emit(((Map<?, ?>) context.resumption().get().state()).get("input"));
        }
        Instant wakeAt = wakeAt(context.parameters(), context.clock().instant());
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("input", context.input());
        return NodeOutcome.suspendUntil(wakeAt, state);
    }

    private static Instant wakeAt(Map<String, Object> parameters, Instant now) throws NodeFailure {
        Object until = parameters.get("until");
        if (until instanceof String text && !text.isBlank()) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException invalid) {
                throw NodeFailure.permanent("invalid-until", "until is not an ISO-8601 instant: " + text);
            }
        }
        double amount = ((Number) parameters.getOrDefault("amount", 1)).doubleValue();
        long seconds = switch (String.valueOf(parameters.getOrDefault("unit", "minutes"))) {
            case "seconds" -> 1;
            case "hours" -> 3600;
            case "days" -> 86_400;
            default -> 60;
        };
        return now.plus(Duration.ofMillis(Math.round(amount * seconds * 1000)));
    }
}
