package dev.nex7.llm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model's answer to one turn.
 *
 * @param provider the provider that answered: {@code anthropic}, {@code openai} or {@code compatible}
 * @param model the model that answered, as the provider named it
 * @param content the answer's blocks: text and tool calls, in order
 * @param stopReason why it stopped
 * @param usage the tokens used by the provider that answered
 * @param costUsd the estimated cost of this answer in US dollars, from the price table
 * @param timeToFirstToken from the call to the first piece handed to the listener (retries and
 *     fallbacks included); {@code null} when nothing was streamed
 * @param fallbacks the providers given up on before this one, in order
 */
public record ModelResponse(String provider, String model, List<ContentBlock> content, StopReason stopReason,
        Usage usage, BigDecimal costUsd, Duration timeToFirstToken, List<FallbackNotice> fallbacks) {

    public ModelResponse {
        content = List.copyOf(content);
        fallbacks = List.copyOf(fallbacks);
    }

    /** The text blocks joined. */
    public String text() {
        return content.stream().filter(TextBlock.class::isInstance).map(b -> ((TextBlock) b).text())
                .collect(Collectors.joining());
    }

    /** The tool calls, in order. */
    public List<ToolUseBlock> toolCalls() {
        return content.stream().filter(ToolUseBlock.class::isInstance).map(ToolUseBlock.class::cast).toList();
    }

    /** The assistant message to append to the conversation before the tool results. */
    public ModelMessage asMessage() {
        return ModelMessage.assistant(content.isEmpty() ? List.of(new TextBlock("")) : content);
    }
}
