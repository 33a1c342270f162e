package dev.nex7.workflow.nodes;

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
import dev.nex7.plugin.node.Schema;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.engine.WebhookResponses;

/** Sends the HTTP answer to the caller of a webhook-triggered execution, then passes its input on. */
@Component
public class RespondToWebhook implements NodeType {

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("respond-to-webhook", 1)
            .displayName("Respond to webhook").category("flow").icon("reply")
            .description("Answers the webhook call that started this execution with a status, headers and body "
                    + "(the input when no body is set).")
            .input(Port.main())
            .output(Port.main())
            .parameters(Schema.object()
                    .property("status", Schema.integer().minimum(100).maximum(599).defaultValue(200).title("Status"), false)
                    .property("headers", Schema.map(Schema.string()).title("Headers"), false)
                    .property("body", Schema.any().title("Body").description("Leave empty to answer with the input"), false))
            .build();

    private final WebhookResponses responses;

    public RespondToWebhook(WebhookResponses responses) {
        this.responses = responses;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) throws NodeFailure {
        Map<String, Object> parameters = context.parameters();
        int status = ((Number) parameters.getOrDefault("status", 200)).intValue();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (parameters.get("headers") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> headers.put(String.valueOf(name), List.of(String.valueOf(value))));
        }
        Object body = parameters.containsKey("body") ? parameters.get("body") : context.input();
        boolean answered = responses.reply(new ExecutionId(java.util.UUID.fromString(context.executionId())),
                new WebhookResponses.Reply(status, headers, body));
        if (!answered) {
            context.log().info("No webhook caller was waiting for this execution; nothing was sent.");
        }
        return NodeOutcome.emit(context.input());
    }
}
