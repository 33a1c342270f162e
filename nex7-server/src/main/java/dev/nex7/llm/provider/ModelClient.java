package dev.nex7.llm.provider;

import dev.nex7.llm.ModelRequest;
import dev.nex7.llm.StreamListener;

/** One provider's wire format: sends a neutral request, streams the answer back translated. */
public interface ModelClient {

    /**
     * Streams one answer: text pieces and complete tool calls go to {@code listener} as they arrive.
     *
     * @param model the model to ask
     * @return the whole answer
     * @throws ProviderFailure when no complete answer arrived; it carries what did
     */
    ProviderReply stream(Endpoint endpoint, String model, ModelRequest request, StreamListener listener)
            throws ProviderFailure;
}
