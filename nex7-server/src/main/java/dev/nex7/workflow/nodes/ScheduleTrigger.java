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

/**
 * Starts the active version at the times of a cron expression in a time zone, once across all
 * instances. The schedule is registered when a version is activated (an invalid cron or time zone
 * refuses the activation); the node emits {@code {scheduledAt, firedAt, timezone}}.
 */
@Component
public class ScheduleTrigger implements NodeType {

    public static final String TYPE = "schedule-trigger";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Schedule").category("trigger").icon("clock").trigger()
            .description("Starts the active version on a schedule: a cron expression (5 fields, 6 with seconds, or @hourly, "
                    + "@daily, ...) read in a time zone. Fires once across all NEX7 instances.")
            .parameters(Schema.object()
                    .property("cron", Schema.string().minLength(1).maxLength(200).literal().title("Cron")
                            .description("minute hour day-of-month month day-of-week, e.g. 0 9 * * MON-FRI; "
                                    + "six fields put seconds first; macros: @hourly, @daily, @weekly, @monthly, @yearly"), true)
                    .property("timezone", Schema.string().maxLength(64).defaultValue("UTC").literal().title("Time zone")
                            .description("An IANA time zone such as Europe/Berlin; the times follow its daylight-saving changes"), false)
                    .property("recoverMissed", Schema.string().enumOf("none", "last", "all").defaultValue("none").literal()
                            .title("After downtime")
                            .description("Times missed while NEX7 was down: none fires nothing, last fires the latest once, "
                                    + "all fires each (up to nex7.workflow.trigger.max-catch-up)"), false))
            .output(Port.of(Port.MAIN, "Schedule", PortType.OBJECT))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Emits what the scheduler passed in. Run by hand (from the editor) there is no scheduled time, so
     * the node reports the moment it ran as both times.
     */
    @Override
    public NodeOutcome execute(NodeContext context) {
        if (context.input() instanceof Map<?, ?> fired && fired.containsKey("scheduledAt")) {
            return NodeOutcome.emit(fired);
        }
        String now = context.clock().instant().toString();
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("scheduledAt", now);
        output.put("firedAt", now);
        output.put("timezone", String.valueOf(context.parameters().getOrDefault("timezone", "UTC")));
        return NodeOutcome.emit(output);
    }
}
