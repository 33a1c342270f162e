package dev.nex7.llm.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.nex7.llm.ContentBlock;
import dev.nex7.llm.StopReason;
import dev.nex7.llm.StreamListener;
import dev.nex7.llm.TextBlock;
import dev.nex7.llm.ToolUseBlock;
import dev.nex7.llm.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles a streamed answer, block by block, and hands text pieces and finished tool calls to the
 * listener as they complete. Token counts the provider did not report are estimated at four
 * characters a token, so that a cancelled or broken stream is still metered.
 */
final class ReplyBuilder {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final StreamListener listener;
    private final long inputEstimate;
    private final Map<String, Object> parts = new LinkedHashMap<>();
    private String model;
    private StopReason stopReason;
    private Long inputTokens;
    private Long outputTokens;
    private long outputChars;

    ReplyBuilder(JsonMapper json, StreamListener listener, String requestedModel, int requestBytes) {
        this.json = json;
        this.listener = listener;
        this.model = requestedModel;
        this.inputEstimate = Math.max(1, requestBytes / 4);
    }

    void model(String answered) {
        if (answered != null && !answered.isBlank()) {
            model = answered;
        }
    }

    /** Appends text to the text part {@code key} and streams it. */
    void text(String key, String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        StringBuilder text = (StringBuilder) parts.computeIfAbsent(key, k -> new StringBuilder());
        text.append(delta);
        outputChars += delta.length();
        listener.text(delta);
    }

    /** Starts (or continues) the tool call part {@code key}; null arguments keep what is known. */
    void tool(String key, String id, String name) {
        ToolDraft draft = (ToolDraft) parts.computeIfAbsent(key, k -> new ToolDraft());
        if (id != null && !id.isEmpty()) {
            draft.id = id;
        }
        if (name != null && !name.isEmpty()) {
            draft.name = name;
        }
    }

    void toolArguments(String key, String partialJson) {
        if (partialJson != null && parts.get(key) instanceof ToolDraft draft) {
            draft.arguments.append(partialJson);
            outputChars += partialJson.length();
        }
    }

    /** The tool call {@code key} is complete: it is handed to the listener. */
    void toolDone(String key) throws ProviderFailure {
        if (parts.get(key) instanceof ToolDraft draft && !draft.delivered) {
            ToolUseBlock block = draft.block(this);
            draft.delivered = true;
            listener.toolUse(block);
        }
    }

    /** Every tool call still open is complete. */
    void toolsDone() throws ProviderFailure {
        for (String key : List.copyOf(parts.keySet())) {
            toolDone(key);
        }
    }

    void stop(StopReason reason) {
        stopReason = reason;
    }

    boolean stopped() {
        return stopReason != null;
    }

    boolean hasToolCalls() {
        return parts.values().stream().anyMatch(ToolDraft.class::isInstance);
    }

    void inputTokens(long tokens) {
        inputTokens = tokens;
    }

    void outputTokens(long tokens) {
        outputTokens = tokens;
    }

    /** The answer as far as it arrived (tool calls whose arguments are incomplete left out). */
    ProviderReply partial() {
        List<ContentBlock> content = new ArrayList<>();
        for (Object part : parts.values()) {
            if (part instanceof StringBuilder text && !text.isEmpty()) {
                content.add(new TextBlock(text.toString()));
            } else if (part instanceof ToolDraft draft && draft.delivered) {
                content.add(draft.block);
            }
        }
        return new ProviderReply(model, content, stopReason, usage(false));
    }

    /** The complete answer. */
    ProviderReply build() throws ProviderFailure {
        toolsDone();
        ProviderReply partial = partial();
        return new ProviderReply(partial.model(), partial.content(), stopReason, usage(true));
    }

    /**
     * The tokens used: as reported once the answer is complete. Before that, nothing when nothing
     * arrived (the provider may never have started), else what was reported or, where more arrived
     * than the running count says, an estimate.
     */
    private Usage usage(boolean complete) {
        long outputEstimate = (outputChars + 3) / 4;
        if (complete) {
            return new Usage(inputTokens != null ? inputTokens : inputEstimate,
                    outputTokens != null ? outputTokens : outputEstimate);
        }
        if (inputTokens == null && outputTokens == null && outputChars == 0) {
            return Usage.NONE;
        }
        return new Usage(inputTokens != null ? inputTokens : inputEstimate,
                Math.max(outputTokens != null ? outputTokens : 0, outputEstimate));
    }

    private Map<String, Object> arguments(String text) throws ProviderFailure {
        if (text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, OBJECT);
        } catch (JacksonException invalid) {
            throw new ProviderFailure(ProviderFailure.Kind.PROTOCOL, 0, null,
                    "sent tool call arguments that are not a JSON object", partial());
        }
    }

    private static final class ToolDraft {
        private String id;
        private String name;
        private final StringBuilder arguments = new StringBuilder();
        private boolean delivered;
        private ToolUseBlock block;

        ToolUseBlock block(ReplyBuilder reply) throws ProviderFailure {
            if (id == null || name == null) {
                throw new ProviderFailure(ProviderFailure.Kind.PROTOCOL, 0, null, "sent a tool call without id or name",
                        reply.partial());
            }
            block = new ToolUseBlock(id, name, reply.arguments(arguments.toString()));
            return block;
        }
    }
}
