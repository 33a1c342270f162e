package dev.nex7.llm;

import java.util.Map;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param name its name: letters, digits, {@code _} and {@code -}, at most 64 characters (what both
 *     Anthropic and OpenAI accept)
 * @param description what it does and when to use it, for the model
 * @param inputSchema a JSON Schema of type {@code object} describing its arguments
 */
public record ToolSpec(String name, String description, Map<String, Object> inputSchema) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("A tool name is 1 to 64 letters, digits, _ or -: " + name);
        }
        description = description == null ? "" : description;
        inputSchema = inputSchema == null ? Map.of("type", "object", "properties", Map.of())
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputSchema));
    }
}
