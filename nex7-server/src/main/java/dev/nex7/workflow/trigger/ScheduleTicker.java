package dev.nex7.workflow.trigger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.platform.PeriodicTask;
import dev.nex7.workflow.engine.WorkflowEngine;
import dev.nex7.workflow.nodes.ScheduleTrigger;
import dev.nex7.workflow.trigger.Schedules.Schedule;
import dev.nex7.workflow.trigger.TriggerStarts.Active;

/**
 * Fires due schedules, on every instance, once across all of them. Each tick claims due schedule rows
 * with {@code FOR UPDATE SKIP LOCKED}, queues an execution per due time and moves the row's next fire
 * time on, all in one transaction: an instance that dies half-way commits nothing, and two instances
 * never hold the same row. The execution id is derived from workflow, node and scheduled time, so
 * even a time fired twice by mistake would start one execution.
 */
@Component
class ScheduleTicker extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);
    private static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_TICK = 100;

    private final Schedules schedules;
    private final TriggerStarts starts;
    private final WorkflowEngine engine;
    private final TriggerSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;

    /** How one claimed batch went. */
    private record Batch(int claimed, int queued, boolean failed) {
    }

    ScheduleTicker(Schedules schedules, TriggerStarts starts, WorkflowEngine engine, TriggerSettings settings, Clock clock,
            PlatformTransactionManager transactionManager) {
        super("nex7-schedules", settings.pollInterval());
        this.schedules = schedules;
        this.starts = starts;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = new TransactionTemplate(transactionManager);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Fires every schedule due at the clock's present time. Safe to run on many threads and instances
     * at once.
     *
     * @return how many executions this call queued
     */
    int tick() {
        Instant now = clock.instant();
        int queued = 0;
        for (int round = 0; round < MAX_BATCHES_PER_TICK; round++) {
            Batch batch = transactions.execute(status -> fireDue(now));
            queued += batch.queued();
            if (batch.claimed() < BATCH || batch.failed()) {
                break;
            }
        }
        if (queued > 0) {
            engine.poll();
        }
        return queued;
    }

    private Batch fireDue(Instant now) {
        List<Schedule> due = schedules.claimDue(now, BATCH);
        int queued = 0;
        boolean failed = false;
        for (Schedule schedule : due) {
            try {
                // A savepoint per schedule: one that cannot fire (and stays due) does not hold up the others.
                queued += savepoints.execute(status -> fire(schedule, now));
            } catch (RuntimeException failure) {
                failed = true;
                log.warn("Schedule {} of workflow {} could not fire; it is tried again at the next tick", schedule.nodeId(),
                        schedule.workflowId(), failure);
            }
        }
        return new Batch(due.size(), queued, failed);
    }

    private int fire(Schedule schedule, Instant now) {
        Optional<Active> active = starts.active(schedule.workflowId(), schedule.nodeId(), ScheduleTrigger.TYPE)
                .filter(found -> found.version() == schedule.version());
        if (active.isEmpty()) {
            // Activation keeps this table in step; a row without its active version is left over and goes.
            schedules.delete(schedule);
            return 0;
        }
        CronSchedule cron = CronSchedule.of(schedule.cron(), schedule.timezone());
        List<Instant> times = cron.dueTimes(schedule.nextFireAt(), now, settings.misfireThreshold(), schedule.recover(),
                settings.maxCatchUp());
        int queued = 0;
        for (Instant time : times) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("scheduledAt", time.toString());
            input.put("firedAt", now.toString());
            input.put("timezone", schedule.timezone());
            if (starts.start(active.get(), "schedule", time.toString(), input)) {
                queued++;
            }
        }
        if (cron.latest(schedule.nextFireAt(), now, times.size() + 1).size() > times.size()) {
            log.info("Schedule {} of workflow {} skipped times missed since {} (recoverMissed: {})", schedule.nodeId(),
                    schedule.workflowId(), schedule.nextFireAt(), schedule.recover());
        }
        Instant next = cron.next(now);
        if (next == null) {
            schedules.delete(schedule);
        } else {
            schedules.advance(schedule, next, times.isEmpty() ? null : times.getLast());
        }
        return queued;
    }

    @Override
    protected void runPeriodically() {
        tick();
    }
}
