package dev.nex7.llm;

import java.util.List;
import java.util.Objects;

/**
 * One turn asked of a model: the conversation so far and what it may do.
 *
 * @param context who it is for, for metering, budgets and project settings
 * @param system the system prompt, or {@code null}
 * @param messages the conversation, oldest first; it ends with a user message
 * @param tools the tools the model may call; empty for none
 * @param preference which models to try; {@code null} for the default chain
 * @param maxTokens the most tokens the answer may have
 * @param temperature sampling temperature, or {@code null} for the provider's default
 */
public record ModelRequest(CallContext context, String system, List<ModelMessage> messages, List<ToolSpec> tools,
        ModelPreference preference, int maxTokens, Double temperature) {

    public ModelRequest {
        Objects.requireNonNull(context, "context");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        preference = preference == null ? ModelPreference.DEFAULT : preference;
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A model request has at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens is at least 1");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature is between 0 and 2");
        }
    }

    /** A plain question on the default chain, without tools. */
    public static ModelRequest ask(CallContext context, String system, String question, int maxTokens) {
        return new ModelRequest(context, system, List.of(ModelMessage.user(question)), List.of(), null, maxTokens,
                null);
    }

    /** This request with {@code more} messages appended (the answer and its tool results, the next user message). */
    public ModelRequest then(ModelMessage... more) {
        List<ModelMessage> all = new java.util.ArrayList<>(messages);
        all.addAll(List.of(more));
        return new ModelRequest(context, system, all, tools, preference, maxTokens, temperature);
    }
}
