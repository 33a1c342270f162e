package dev.nex7.agent;

import java.math.BigDecimal;

/**
 * What producing a message cost, as the model gateway metered it.
 *
 * @param inputTokens tokens sent to the model
 * @param outputTokens tokens the model wrote
 * @param costUsd the estimated cost in US dollars
 * @param provider the provider that answered ({@code anthropic}, {@code openai}, ...)
 * @param model the model that answered
 */
public record MessageUsage(long inputTokens, long outputTokens, BigDecimal costUsd, String provider, String model) {
}
