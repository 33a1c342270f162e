package dev.nex7.llm.provider;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.nex7.llm.ContentBlock;
import dev.nex7.llm.ModelMessage;
import dev.nex7.llm.ModelRequest;
import dev.nex7.llm.StopReason;
import dev.nex7.llm.StreamListener;
import dev.nex7.llm.TextBlock;
import dev.nex7.llm.ToolResultBlock;
import dev.nex7.llm.ToolSpec;
import dev.nex7.llm.ToolUseBlock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, {@code anthropic-version: 2023-06-01}) with
 * {@code stream: true}: message_start, content_block_start/delta/stop (text_delta, input_json_delta),
 * message_delta (stop reason, output tokens), message_stop, ping and error events.
 */
final class AnthropicClient implements ModelClient {

    static final String VERSION = "2023-06-01";

    private final ProviderHttp http;

    AnthropicClient(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public ProviderReply stream(Endpoint endpoint, String model, ModelRequest request, StreamListener listener)
            throws ProviderFailure {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", VERSION);
        if (endpoint.apiKey() != null) {
            headers.put("x-api-key", endpoint.apiKey());
        }
        return http.stream(endpoint, "/v1/messages", headers, body(model, request), model, listener,
                (reply, type, data) -> onEvent(endpoint, reply, type, data));
    }

    /** The request body in Anthropic's format. */
    ObjectNode body(String model, ModelRequest request) {
        ObjectNode root = http.json().createObjectNode();
        root.put("model", model);
        root.put("max_tokens", request.maxTokens());
        root.put("stream", true);
        if (request.system() != null && !request.system().isBlank()) {
            root.put("system", request.system());
        }
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        ArrayNode messages = root.putArray("messages");
        for (ModelMessage message : request.messages()) {
            ArrayNode content = http.json().createArrayNode();
            for (ContentBlock block : message.content()) {
                switch (block) {
                    case TextBlock text when !text.text().isEmpty() ->
                            content.addObject().put("type", "text").put("text", text.text());
                    case TextBlock empty -> {
                        // Anthropic refuses empty text blocks.
                    }
                    case ToolUseBlock call -> content.addObject().put("type", "tool_use").put("id", toolId(call.id()))
                            .put("name", call.name()).set("input", http.json().valueToTree(call.input()));
                    case ToolResultBlock result -> content.addObject().put("type", "tool_result")
                            .put("tool_use_id", toolId(result.toolUseId())).put("content", result.content())
                            .put("is_error", result.error());
                }
            }
            if (!content.isEmpty()) {
                messages.addObject().put("role", message.role() == ModelMessage.Role.USER ? "user" : "assistant")
                        .set("content", content);
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", http.json().valueToTree(tool.inputSchema()));
            }
        }
        return root;
    }

    /**
     * Anthropic accepts tool ids of letters, digits, {@code _} and {@code -}; OpenAI's {@code call_…}
     * ids already are, others are mapped the same way every time, so a call and its result still match.
     */
    static String toolId(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private boolean onEvent(Endpoint endpoint, ReplyBuilder reply, String type, String data) throws ProviderFailure {
        if (type.equals("ping")) {
            return false;
        }
        JsonNode event = http.json().readTree(data);
        String index = Integer.toString(event.path("index").asInt());
        switch (event.path("type").asString(type)) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                reply.model(message.path("model").asString(null));
                usage(reply, message.path("usage"));
            }
            case "content_block_start" -> blockStart(reply, index, event.path("content_block"));
            case "content_block_delta" -> blockDelta(reply, index, event.path("delta"));
            case "content_block_stop" -> reply.toolDone(index);
            case "message_delta" -> {
                String stop = event.path("delta").path("stop_reason").asString(null);
                if (stop != null) {
                    reply.stop(stopReason(stop));
                }
                usage(reply, event.path("usage"));
            }
            case "message_stop" -> {
                return true;
            }
            case "error" -> {
                JsonNode error = event.path("error");
                throw http.failure(endpoint, 0, error.path("type").asString(""), error.path("message").asString(""),
                        null);
            }
            default -> {
                // New event types are ignored, as Anthropic's versioning policy asks.
            }
        }
        return false;
    }

    private static void blockStart(ReplyBuilder reply, String index, JsonNode block) {
        switch (block.path("type").asString("")) {
            case "text" -> reply.text(index, block.path("text").asString(""));
            case "tool_use" -> reply.tool(index, block.path("id").asString(null), block.path("name").asString(null));
            default -> {
                // Thinking and other blocks are not part of the neutral answer.
            }
        }
    }

    private static void blockDelta(ReplyBuilder reply, String index, JsonNode delta) {
        switch (delta.path("type").asString("")) {
            case "text_delta" -> reply.text(index, delta.path("text").asString(""));
            case "input_json_delta" -> reply.toolArguments(index, delta.path("partial_json").asString(""));
            default -> {
                // thinking_delta, signature_delta, citations: not part of the neutral answer.
            }
        }
    }

    private static void usage(ReplyBuilder reply, JsonNode usage) {
        if (usage.has("input_tokens")) {
            reply.inputTokens(usage.path("input_tokens").asLong() + usage.path("cache_creation_input_tokens").asLong()
                    + usage.path("cache_read_input_tokens").asLong());
        }
        if (usage.has("output_tokens")) {
            reply.outputTokens(usage.path("output_tokens").asLong());
        }
    }

    static StopReason stopReason(String reason) {
        return switch (reason) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }
}
