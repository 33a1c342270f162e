package dev.nex7.deployment.vercel;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a project's polling waits after failures in a row: the poll interval doubled per failure,
 * at most {@code max}, with "equal jitter" (a random wait between half of that and all of it) so that
 * many projects failing together (Vercel down for everyone) do not all come back in the same second;
 * and never less than Vercel asked for with {@code Retry-After}.
 *
 * @param interval the wait after a success
 * @param max the longest wait the doubling reaches
 */
record Backoff(Duration interval, Duration max) {

    /** The wait after the {@code failures}th failure in a row (1 for the first), honouring {@code retryAfter} (null: none). */
    Duration after(int failures, Duration retryAfter, RandomGenerator random) {
        long ceiling = max.toMillis();
        long doubled = interval.toMillis();
        for (int i = 0; i < failures && doubled < ceiling; i++) {
            doubled *= 2;
        }
        long capped = Math.max(1, Math.min(doubled, ceiling));
        Duration wait = Duration.ofMillis(capped / 2 + random.nextLong(capped - capped / 2 + 1));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
