package dev.nex7.llm.resilience;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.provider.ProviderKind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

/**
 * One circuit breaker per provider (Resilience4j), shared by every call. Each attempt takes a
 * permission; failures that would be retried (overloaded, rate limited, 5xx, timeouts, broken
 * connections) count against the provider, successes for it, and anything else (a bad key, a bad
 * request, a cancelled call) is not counted at all. An open circuit sends nothing to its provider
 * for {@code openFor}; then {@code halfOpenCalls} trial attempts decide whether it closes again.
 */
public final class Breakers {

    private final Map<ProviderKind, CircuitBreaker> breakers = new EnumMap<>(ProviderKind.class);

    public Breakers(LlmSettings.Resilience settings, Clock clock) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(settings.window(), Math.min(settings.minimumCalls(), settings.window()),
                        SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .clock(clock)
                .build();
        for (ProviderKind kind : ProviderKind.values()) {
            breakers.put(kind, CircuitBreaker.of("llm-" + kind.id(), config));
        }
    }

    public CircuitBreaker of(ProviderKind kind) {
        return breakers.get(kind);
    }

    /** {@code closed}, {@code open} or {@code half-open}. */
    public String state(ProviderKind kind) {
        return switch (breakers.get(kind).getState()) {
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half-open";
            default -> "closed";
        };
    }
}
