package dev.nex7.llm;

/** Why the model stopped. */
public enum StopReason {
    /** It finished its answer. */
    END_TURN,
    /** It wants tools run: the caller runs them and calls again with the results appended. */
    TOOL_USE,
    /** It reached {@link ModelRequest#maxTokens()}. */
    MAX_TOKENS,
    /** It produced a stop sequence. */
    STOP_SEQUENCE,
    /** It declined (Anthropic's {@code refusal}, OpenAI's {@code content_filter}). */
    REFUSAL,
    /** Anything else the provider said. */
    OTHER
}
