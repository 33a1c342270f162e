package dev.nex7.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.nex7.notification.Settings;

class OutboxTests {

    private final Outbox outbox = new Outbox(null, List.of(), Settings.defaults(), Clock.systemUTC());

    @Test
    void theBackoffDoublesFromTheFirstWaitUpToTheLongestPlusAtMostAFifth() {
        assertThat(outbox.backoff(1)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(36));
        assertThat(outbox.backoff(2)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(72));
        assertThat(outbox.backoff(5)).isBetween(Duration.ofMinutes(8), Duration.ofSeconds(576));
        assertThat(outbox.backoff(8)).isBetween(Duration.ofHours(1), Duration.ofMinutes(72));
        assertThat(outbox.backoff(1000)).isBetween(Duration.ofHours(1), Duration.ofMinutes(72));
    }
}
