package dev.nex7.agent;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One block of a message's content, in the shape the {@code llm} gateway's content blocks have, so
 * that the orchestration stores what it sends and sends what it stored. In JSON a block carries its
 * {@code type}: {@code text}, {@code tool_use} or {@code tool_result}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
        @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result")})
@Schema(name = "MessageContent", discriminatorProperty = "type", discriminatorMapping = {
        @DiscriminatorMapping(value = "text", schema = ContentBlock.Text.class),
        @DiscriminatorMapping(value = "tool_use", schema = ContentBlock.ToolUse.class),
        @DiscriminatorMapping(value = "tool_result", schema = ContentBlock.ToolResult.class)})
public sealed interface ContentBlock {

    /** What this block contributes to the message's plain text (search and export). */
    String plainText();

    /** Text the person or the model wrote (Markdown). */
    @Schema(name = "MessageText")
    record Text(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String text) implements ContentBlock {

        @Override
        public String plainText() {
            return text == null ? "" : text;
        }
    }

    /**
     * The model asked to use a tool.
     *
     * @param id the provider's call id; the result names it
     * @param name the tool, from {@link AgentTools#NAMES}
     * @param input the tool's arguments
     */
    @Schema(name = "MessageToolUse")
    record ToolUse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Object> input) implements ContentBlock {

        @Override
        public String plainText() {
            return name == null ? "" : name;
        }
    }

    /**
     * What a tool gave back.
     *
     * @param toolUseId the {@link ToolUse#id()} it answers
     * @param content the result as the model reads it
     * @param error whether the tool failed (the content then says why)
     */
    @Schema(name = "MessageToolResult")
    record ToolResult(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String toolUseId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String content, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean error) implements ContentBlock {

        @Override
        public String plainText() {
            return content == null ? "" : content;
        }
    }
}
