package dev.nex7.deployment.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void theWaitDoublesPerFailureWithinHalfAndAllOfTheDoubledInterval() {
        RandomGenerator random = new Random(7);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1, null, random)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
            assertThat(backoff.after(2, null, random)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
            assertThat(backoff.after(3, null, random)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(240));
        }
    }

    @Test
    void theWaitStopsGrowingAtTheMaximumEvenAfterManyFailures() {
        RandomGenerator random = new Random(11);
        for (int failures = 5; failures < 200; failures++) {
            assertThat(backoff.after(failures, null, random)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        }
    }

    @Test
    void jitterSpreadsTheWaitsOfProjectsFailingTogether() {
        RandomGenerator random = new Random(13);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.after(4, null, random)).distinct().count())
                .isGreaterThan(40);
    }

    @Test
    void vercelsRetryAfterWinsWhenItIsLongerAndNotWhenItIsShorter() {
        RandomGenerator random = new Random(17);
        assertThat(backoff.after(1, Duration.ofMinutes(15), random)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.after(1, Duration.ofSeconds(1), random)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }
}
