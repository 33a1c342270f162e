package dev.nex7.llm;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which model providers a caller (or a project) can use, without any secret: for the chat to show
 * how to configure one when none is.
 *
 * @param configured whether at least one provider can be called
 * @param chain the order providers are tried in when a call names none
 * @param providers every provider, usable or not
 * @param howToConfigure what to set to configure a provider; shown when none is configured
 */
public record GatewayStatus(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean configured,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> chain,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ProviderStatus> providers,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String howToConfigure) {

    /** What NEX7 tells someone who has no provider configured. */
    public static final String HOW_TO_CONFIGURE = "Set an API key for Anthropic (NEX7_LLM_ANTHROPIC_API_KEY, property "
            + "nex7.llm.anthropic.api-key) or OpenAI (NEX7_LLM_OPENAI_API_KEY, nex7.llm.openai.api-key), or point "
            + "NEX7_LLM_COMPATIBLE_BASE_URL (nex7.llm.compatible.base-url) at an OpenAI-compatible server such as "
            + "Ollama and name its model in NEX7_LLM_COMPATIBLE_MODEL (nex7.llm.compatible.default-model); a server "
            + "on this machine or a private network also needs an outbound allow-list entry. A project owner can "
            + "instead name an API key credential of the project in its model settings (PUT /api/projects/{id}/llm).";

    public GatewayStatus {
        chain = List.copyOf(chain);
        providers = List.copyOf(providers);
    }

    /**
     * One provider.
     *
     * @param name {@code anthropic}, {@code openai} or {@code compatible}
     * @param enabled whether settings allow it at all
     * @param usable whether calls can go to it now (enabled, with a key and a model, circuit not open)
     * @param keySource {@code instance}, {@code project} or {@code none}
     * @param model the model a call that names none gets, or {@code null}
     * @param circuit {@code closed}, {@code open} or {@code half-open}
     * @param problem why it is not usable, or {@code null}
     */
    public record ProviderStatus(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean usable,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String keySource,
            String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String circuit,
            String problem) {
    }
}
