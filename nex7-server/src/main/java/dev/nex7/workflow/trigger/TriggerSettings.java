package dev.nex7.workflow.trigger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How schedule triggers fire ({@code nex7.workflow.trigger.*}).
 *
 * @param pollInterval how often each instance looks for due schedules (times are read from the application clock)
 * @param maxCatchUp with {@code recoverMissed: all}, at most this many missed times are fired after downtime (the latest ones)
 * @param misfireThreshold a scheduled time seen later than this is <em>missed</em> (NEX7 was down or stalled) and
 *     fires only as its schedule's {@code recoverMissed} says; a time seen sooner simply fires
 */
@ConfigurationProperties("nex7.workflow.trigger")
public record TriggerSettings(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int maxCatchUp,
        @DefaultValue("1m") Duration misfireThreshold) {

    public TriggerSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("nex7.workflow.trigger.poll-interval must be positive");
        }
        if (maxCatchUp < 1 || maxCatchUp > 10_000) {
            throw new IllegalArgumentException("nex7.workflow.trigger.max-catch-up is between 1 and 10000");
        }
        if (misfireThreshold.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("nex7.workflow.trigger.misfire-threshold must be at least the poll interval");
        }
    }
}
