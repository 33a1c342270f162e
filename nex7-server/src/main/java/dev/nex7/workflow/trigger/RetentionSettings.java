package dev.nex7.workflow.trigger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished executions are kept ({@code nex7.workflow.retention.*}). Unfinished executions
 * (queued, running, waiting) are never pruned. {@code 0} switches a rule off.
 *
 * @param maxAge finished executions that finished longer ago than this are deleted ({@code 0}: kept whatever their age)
 * @param maxPerWorkflow of each workflow's executions, only the newest this many are kept ({@code 0}: no limit)
 * @param interval how often each instance prunes ({@code 0}: never); instances share the work safely
 * @param batchSize rows deleted per statement, so that no statement holds locks for long
 */
@ConfigurationProperties("nex7.workflow.retention")
public record RetentionSettings(
        @DefaultValue("14d") Duration maxAge,
        @DefaultValue("10000") int maxPerWorkflow,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1000") int batchSize) {

    public RetentionSettings {
        if (maxAge.isNegative() || interval.isNegative() || maxPerWorkflow < 0) {
            throw new IllegalArgumentException("nex7.workflow.retention values cannot be negative");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("nex7.workflow.retention.batch-size is between 1 and 100000");
        }
    }

    /** Whether the age rule is on. */
    public boolean limitsAge() {
        return !maxAge.isZero();
    }

    /** Whether the per-workflow count rule is on. */
    public boolean limitsCount() {
        return maxPerWorkflow > 0;
    }
}
