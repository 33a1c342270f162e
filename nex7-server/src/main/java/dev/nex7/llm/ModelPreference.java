package dev.nex7.llm;

import java.util.List;

/**
 * Which models to try, in order. An entry is {@code provider:model} ({@code anthropic:claude-sonnet-4-5},
 * {@code openai:gpt-4.1}, {@code compatible:llama3.1:8b}) or a bare model name, whose provider is
 * guessed ({@code claude-…} is Anthropic, {@code gpt-…} and {@code o1…}/{@code o3…}/{@code o4…}
 * are OpenAI, anything else the OpenAI-compatible server). The providers of the chain that the list
 * does not name follow with their default models, so that a fallback is always possible; each
 * provider is tried once, with the first model listed for it.
 *
 * @param models the entries; empty for the configured chain with its default models
 */
public record ModelPreference(List<String> models) {

    /** The configured chain with its default models. */
    public static final ModelPreference DEFAULT = new ModelPreference(List.of());

    public ModelPreference {
        models = models == null ? List.of() : models.stream().filter(m -> m != null && !m.isBlank())
                .map(String::strip).toList();
    }

    /** The given entries, in order. */
    public static ModelPreference of(String... models) {
        return new ModelPreference(List.of(models));
    }
}
