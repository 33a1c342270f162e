package dev.nex7.llm;

/**
 * Tokens a call used. When a stream ended before the provider reported its counts (cancelled,
 * broken), the missing ones are estimated from the text (about four characters a token).
 *
 * @param inputTokens tokens read (prompt, history, tool definitions; cached ones included)
 * @param outputTokens tokens written
 */
public record Usage(long inputTokens, long outputTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("Token counts are not negative");
        }
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
