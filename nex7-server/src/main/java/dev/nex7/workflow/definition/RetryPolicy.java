package dev.nex7.workflow.definition;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;

/**
 * How a failed node run is retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialDelay × multiplier^(n-1)} (capped at {@code maxDelay}, with ±{@code jitter} spread)
 * between them, for the failures {@code retryOn} names.
 *
 * @param maxAttempts attempts in all, 1 to 10 (1 = no retry)
 * @param initialDelay milliseconds before the second attempt
 * @param multiplier growth of the delay per attempt, 1 to 10
 * @param maxDelay upper bound of a delay in milliseconds
 * @param jitter the fraction (0 to 1) by which a delay is randomly shortened or lengthened
 * @param retryOn which failures are retried
 */
public record RetryPolicy(Integer maxAttempts, Long initialDelay, Double multiplier, Long maxDelay, Double jitter,
        RetryOn retryOn) {

    public static final RetryPolicy NONE = new RetryPolicy(1, 0L, 1.0, 0L, 0.0, RetryOn.RETRYABLE);

    public RetryPolicy {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        initialDelay = initialDelay == null ? 1000L : initialDelay;
        multiplier = multiplier == null ? 2.0 : multiplier;
        maxDelay = maxDelay == null ? 60_000L : maxDelay;
        jitter = jitter == null ? 0.2 : jitter;
        retryOn = retryOn == null ? RetryOn.RETRYABLE : retryOn;
    }

    /** Whether a failure after {@code attempt} attempts gets another try. */
    public boolean retries(int attempt, boolean retryable) {
        return attempt < maxAttempts && (retryable || retryOn == RetryOn.ANY);
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        double base = Math.min(maxDelay, initialDelay * Math.pow(multiplier, attempt - 1));
        double spread = base * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(0, Math.round(base + spread)));
    }

    /** Which failures are retried. */
    public enum RetryOn {
        /** Only failures the node marks retryable (timeouts, 5xx, dropped connections). */
        RETRYABLE,
        /** Every failure. */
        ANY;

        @JsonValue
        public String id() {
            return LowerCaseIds.id(this);
        }

        @JsonCreator
        public static RetryOn of(String id) {
            return LowerCaseIds.parse(RetryOn.class, id);
        }
    }
}
