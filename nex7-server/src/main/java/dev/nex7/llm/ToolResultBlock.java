package dev.nex7.llm;

import java.util.Objects;

/**
 * What a tool returned, sent back to the model in a user message.
 *
 * @param toolUseId the {@link ToolUseBlock#id()} this answers
 * @param content the result as text (JSON is fine)
 * @param error whether the tool failed; the model is told so
 */
public record ToolResultBlock(String toolUseId, String content, boolean error) implements ContentBlock {

    public ToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        content = content == null ? "" : content;
    }
}
