package dev.nex7.llm.provider;

import java.util.List;

import dev.nex7.llm.ContentBlock;
import dev.nex7.llm.StopReason;
import dev.nex7.llm.Usage;

/**
 * What a provider answered, translated; or, carried by a {@link ProviderFailure}, what it had
 * answered before the failure.
 *
 * @param model the model as the provider named it
 * @param content text and tool calls, in order
 * @param stopReason why it stopped; {@code null} when it did not finish
 * @param usage tokens used, estimated where the provider did not say
 */
public record ProviderReply(String model, List<ContentBlock> content, StopReason stopReason, Usage usage) {

    public ProviderReply {
        content = List.copyOf(content);
    }
}
