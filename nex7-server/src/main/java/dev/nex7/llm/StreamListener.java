package dev.nex7.llm;

/**
 * Receives a streamed answer as it arrives, on the calling thread. Text is handed over once: the
 * gateway never retries or falls back after the first piece, so a listener never sees text twice.
 */
public interface StreamListener {

    /** Does nothing; for calls whose caller only wants the final {@link ModelResponse}. */
    StreamListener IGNORE = delta -> {
    };

    /** The next piece of the answer's text. */
    void text(String delta);

    /** A complete tool call (after all its arguments arrived). */
    default void toolUse(ToolUseBlock call) {
    }

    /** The call moved to another provider before anything was streamed. */
    default void fallback(FallbackNotice notice) {
    }
}
