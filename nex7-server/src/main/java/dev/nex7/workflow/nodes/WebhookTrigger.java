package dev.nex7.workflow.nodes;

import org.springframework.stereotype.Component;

import dev.nex7.plugin.node.NodeContext;
import dev.nex7.plugin.node.NodeDescriptor;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.plugin.node.Port;
import dev.nex7.plugin.node.PortType;
import dev.nex7.plugin.node.Schema;

/**
 * Starts the active version when an HTTP request reaches the workflow's secret webhook URL. The
 * request is checked (method, size, optional HMAC) before an execution exists; the node emits it as
 * {@code {method, headers, query, body}}.
 */
@Component
public class WebhookTrigger implements NodeType {

    public static final String TYPE = "webhook-trigger";

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE, 1)
            .displayName("Webhook").category("trigger").icon("webhook").trigger()
            .description("Starts the workflow on an HTTP request to its secret URL. Answers at once, or waits for a "
                    + "Respond to webhook node (or the last node's output).")
            .parameters(Schema.object()
                    .property("method", Schema.string().enumOf("ANY", "GET", "POST", "PUT", "PATCH", "DELETE").defaultValue("POST")
                            .title("HTTP method"), false)
                    .property("responseMode", Schema.string().enumOf("immediately", "respond-node", "last-node")
                            .defaultValue("immediately").title("Respond")
                            .description("immediately: 202 with the execution id; respond-node: what a Respond to webhook node sends; "
                                    + "last-node: the last node's output"), false)
                    .property("responseTimeoutMs", Schema.integer().minimum(100).maximum(300_000).defaultValue(30_000)
                            .title("Response timeout (ms)"), false)
                    .property("hmacHeader", Schema.string().defaultValue("X-Signature-256").title("Signature header")
                            .description("With an HMAC credential: the header carrying sha256=<hex HMAC of the raw body>"), false)
                    .property("executionMode", Schema.string().enumOf("durable", "low-latency").defaultValue("durable")
                            .title("Execution mode")
                            .description("durable: every node run is written as it happens and survives a crash; low-latency: the run "
                                    + "stays in memory and is written as one record when it ends (it cannot wait, and a crash loses it)"),
                            false))
            .credential("hmac", false, "hmac")
            .output(Port.of(Port.MAIN, "Request", PortType.OBJECT))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public NodeOutcome execute(NodeContext context) {
        return NodeOutcome.emit(context.input());
    }
}
