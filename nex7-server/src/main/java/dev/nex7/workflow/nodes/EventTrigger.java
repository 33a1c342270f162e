package dev.nex7.workflow.nodes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.ExpressionScope;
import dev.nex7.workflow.expression.Expressions;

/**
 * Starts the active version when a NEX7 event of the chosen type happens in the workflow's project
 * (see {@link dev.nex7.workflow.TriggerEvent}), if the optional filter accepts the event's payload.
 * Emits {@code {type, payload}}. Events reported by executions that an event or error trigger
 * started never start anything, so workflows cannot keep starting each other.
 */
@Component
public class EventTrigger implements NodeType {

    public static final String TYPE = "event-trigger";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Event").category("trigger").icon("zap").trigger()
            .description("Starts the active version when a NEX7 event happens in this project: workflow.completed, "
                    + "workflow.failed, workflow.cancelled, github.push, github.pull_request, github.release (payload: repository, "
                    + "action, ref, branch, tag, headSha), and the events other features add. "
                    + "A workflow's own events, and those of runs an event or error trigger started, start nothing.")
            .parameters(Schema.object()
                    .property("eventType", Schema.string().minLength(1).maxLength(100).literal().title("Event")
                            .description("The event type, e.g. workflow.failed"), true)
                    .property("filter", Schema.string().maxLength(2000).literal().editor("jsonata").title("Only when")
                            .description("A JSONata condition over the event's payload, without {{ }}, e.g. mode = \"webhook\"; "
                                    + "the workflow starts only when it is true"), false))
            .output(Port.of(Port.MAIN, "Event", PortType.OBJECT))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Emits the event; run by hand, the run's input stands for the payload. */
    @Override
    public NodeOutcome execute(NodeContext context) {
        if (context.input() instanceof Map<?, ?> event && event.containsKey("type") && event.containsKey("payload")) {
            return NodeOutcome.emit(event);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("type", context.parameters().get("eventType"));
        output.put("payload", context.input() == null ? Map.of() : context.input());
        return NodeOutcome.emit(output);
    }

    /**
     * Whether an event trigger with these parameters accepts an event's payload: true without a
     * filter, otherwise when the filter's value is truthy by JSONata's rules.
     *
     * @throws ExpressionFailure when the filter cannot be evaluated
     */
    public static boolean accepts(Map<String, Object> parameters, Object payload, Expressions expressions) throws ExpressionFailure {
        Object filter = parameters.get("filter");
        if (!(filter instanceof String text) || text.isBlank()) {
            return true;
        }
        return Truthiness.of(expressions.evaluate(text, ExpressionScope.ofInput(payload)));
    }
}
