package dev.nex7.llm.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.nex7.llm.LlmSettings;

class BackoffTests {

    private final Backoff backoff = new Backoff(new LlmSettings.Resilience(5, Duration.ofMillis(500),
            Duration.ofSeconds(4), Duration.ofSeconds(20), 50, 5, 20, Duration.ofSeconds(30), 1));

    @RepeatedTest(20)
    void eachRetryWaitsBetweenHalfAndAllOfADoublingBaseCappedAtTheMaximum() {
        assertThat(backoff.before(0, null)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(backoff.before(1, null)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(backoff.before(2, null)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(backoff.before(5, null)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        assertThat(backoff.before(60, null)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    }

    @Test
    void aRetryAfterIsWaitedAtLeastButOneLongerThanTheLimitIsNotWaitedAtAll() {
        assertThat(backoff.before(0, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.before(0, Duration.ofMillis(1))).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(backoff.before(0, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.before(0, Duration.ofSeconds(21))).isNull();
    }
}
