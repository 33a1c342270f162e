package dev.nex7.llm.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.nex7.llm.LlmSettings;

/**
 * The wait before a retry: exponential from {@code initialBackoff}, capped at {@code maxBackoff},
 * with "equal jitter" (between half and all of it), so that many callers failing at once do not
 * come back at once. A provider's {@code retry-after} is honoured as a minimum, unless it asks for
 * longer than {@code maxRetryAfter}: then there is no retry, and the next provider is tried.
 */
public final class Backoff {

    private final LlmSettings.Resilience settings;

    public Backoff(LlmSettings.Resilience settings) {
        this.settings = settings;
    }

    /**
     * The wait before retry number {@code retry} (0 for the first), or {@code null} when the provider
     * asked for a longer wait than is honoured.
     */
    public Duration before(int retry, Duration retryAfter) {
        if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
            return null;
        }
        long base = settings.initialBackoff().toMillis() << Math.min(retry, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
