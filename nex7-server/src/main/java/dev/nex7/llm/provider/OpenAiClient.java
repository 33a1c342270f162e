package dev.nex7.llm.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * OpenAI's Chat Completions ({@code POST /v1/chat/completions}) with {@code stream: true} and
 * {@code stream_options.include_usage}: content deltas, tool call deltas assembled by index,
 * {@code finish_reason}, a last chunk with the usage, and {@code [DONE]}. The same format serves
 * OpenAI-compatible servers, which get {@code max_tokens} instead of {@code max_completion_tokens}
 * and no key when none is configured.
 */
final class OpenAiClient implements ModelClient {

    private static final int MAX_TOOL_ID = 40;

    private final ProviderHttp http;
    private final boolean compatible;

    OpenAiClient(ProviderHttp http, boolean compatible) {
        this.http = http;
        this.compatible = compatible;
    }

    @Override
    public ProviderReply stream(Endpoint endpoint, String model, ModelRequest request, StreamListener listener)
            throws ProviderFailure {
        Map<String, String> headers = endpoint.apiKey() == null ? Map.of()
                : Map.of("Authorization", "Bearer " + endpoint.apiKey());
        return http.stream(endpoint, "/v1/chat/completions", headers, body(model, request), model, listener,
                (reply, type, data) -> onEvent(endpoint, reply, data));
    }

    /** The request body in OpenAI's format. */
    ObjectNode body(String model, ModelRequest request) {
        ObjectNode root = http.json().createObjectNode();
        root.put("model", model);
        root.put(compatible ? "max_tokens" : "max_completion_tokens", request.maxTokens());
        root.put("stream", true);
        root.putObject("stream_options").put("include_usage", true);
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        ArrayNode messages = root.putArray("messages");
        if (request.system() != null && !request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ModelMessage message : request.messages()) {
            if (message.role() == ModelMessage.Role.USER) {
                user(messages, message.content());
            } else {
                assistant(messages, message.content());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description())
                        .set("parameters", http.json().valueToTree(tool.inputSchema()));
            }
        }
        return root;
    }

    /** Tool results become {@code role: tool} messages, which must directly follow the assistant's tool calls. */
    private void user(ArrayNode messages, List<ContentBlock> content) {
        for (ContentBlock block : content) {
            if (block instanceof ToolResultBlock result) {
                messages.addObject().put("role", "tool").put("tool_call_id", toolId(result.toolUseId()))
                        .put("content", result.error() ? "Error: " + result.content() : result.content());
            }
        }
        String text = text(content);
        if (!text.isEmpty()) {
            messages.addObject().put("role", "user").put("content", text);
        }
    }

    private void assistant(ArrayNode messages, List<ContentBlock> content) {
        String text = text(content);
        List<ToolUseBlock> calls = content.stream().filter(ToolUseBlock.class::isInstance)
                .map(ToolUseBlock.class::cast).toList();
        if (text.isEmpty() && calls.isEmpty()) {
            // OpenAI refuses an assistant message with neither; it says nothing anyway.
            return;
        }
        ObjectNode message = messages.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (ToolUseBlock call : calls) {
                toolCalls.addObject().put("id", toolId(call.id())).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", http.json().writeValueAsString(call.input()));
            }
        }
    }

    private static String text(List<ContentBlock> content) {
        return content.stream().filter(TextBlock.class::isInstance).map(b -> ((TextBlock) b).text())
                .collect(Collectors.joining());
    }

    /**
     * OpenAI accepts tool call ids of at most 40 characters; Anthropic's {@code toolu_…} ids fit, a
     * longer one is replaced by a digest of itself, the same for a call and its result.
     */
    static String toolId(String id) {
        if (id.length() <= MAX_TOOL_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private boolean onEvent(Endpoint endpoint, ReplyBuilder reply, String data) throws ProviderFailure {
        if (data.strip().equals("[DONE]")) {
            reply.toolsDone();
            return true;
        }
        JsonNode chunk = http.json().readTree(data);
        JsonNode error = chunk.path("error");
        if (error.isObject()) {
            throw http.failure(endpoint, 0, error.path("type").asString(""), error.path("message").asString(""), null);
        }
        reply.model(chunk.path("model").asString(null));
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            reply.inputTokens(usage.path("prompt_tokens").asLong());
            reply.outputTokens(usage.path("completion_tokens").asLong());
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            reply.text("text", delta.path("content").asString(""));
            for (JsonNode call : delta.path("tool_calls")) {
                String key = "tool-" + call.path("index").asInt();
                JsonNode function = call.path("function");
                reply.tool(key, call.path("id").asString(null), function.path("name").asString(null));
                reply.toolArguments(key, function.path("arguments").asString(null));
            }
            String finish = choice.path("finish_reason").asString(null);
            if (finish != null) {
                reply.stop(finish.equals("stop") && reply.hasToolCalls() ? StopReason.TOOL_USE : stopReason(finish));
                // The arguments are complete once the choice has finished; usage may still follow.
                reply.toolsDone();
            }
        }
        return false;
    }

    static StopReason stopReason(String reason) {
        return switch (reason) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }
}
