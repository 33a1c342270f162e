package dev.nex7.llm;

import java.util.Map;
import java.util.Objects;

/**
 * The model asks for a tool to be run.
 *
 * @param id the provider's id for this call ({@code toolu_…} from Anthropic, {@code call_…} from
 *     OpenAI); the matching {@link ToolResultBlock} names it, and it is kept as it is when the
 *     conversation moves to another provider
 * @param name the tool's name, as in its {@link ToolSpec}
 * @param input the arguments, a JSON object
 */
public record ToolUseBlock(String id, String name, Map<String, Object> input) implements ContentBlock {

    public ToolUseBlock {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        input = input == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
    }
}
