package dev.nex7.workflow.trigger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.platform.PeriodicTask;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.trigger.FinishedExecutions.Boundary;

/**
 * Prunes execution history by the retention settings: finished executions older than the maximum
 * age, finished executions beyond the newest N of each workflow, then the stored definitions no
 * execution uses any more. Runs on every instance at the configured interval; the deletes are
 * batched and skip rows another instance holds, so several instances prune side by side safely.
 */
@Component
class ExecutionPruner extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ExecutionPruner.class);

    private final FinishedExecutions finished;
    private final WorkflowVersions versions;
    private final RetentionSettings settings;
    private final Clock clock;
    private final TransactionTemplate transactions;

    /** What one pass deleted. */
    record Pruned(int executions, int snapshots) {
    }

    ExecutionPruner(FinishedExecutions finished, WorkflowVersions versions, RetentionSettings settings, Clock clock,
            TransactionTemplate transactions) {
        super("nex7-retention", settings.interval());
        this.finished = finished;
        this.versions = versions;
        this.settings = settings;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** One pass of every rule that is on. */
    Pruned prune() {
        int executions = 0;
        if (settings.limitsAge()) {
            Instant cutoff = clock.instant().minus(settings.maxAge());
            executions += repeat(() -> finished.deleteFinishedBefore(cutoff, settings.batchSize()));
        }
        if (settings.limitsCount()) {
            for (WorkflowId workflow : finished.workflowsWithMoreThan(settings.maxPerWorkflow())) {
                Optional<Boundary> boundary = finished.boundary(workflow, settings.maxPerWorkflow());
                if (boundary.isPresent()) {
                    executions += repeat(() -> finished.deleteFinishedFrom(workflow, boundary.get(), settings.batchSize()));
                }
            }
        }
        int snapshots = repeat(() -> transactions.execute(status -> versions.deleteUnusedSnapshots(settings.batchSize())));
        if (executions > 0 || snapshots > 0) {
            log.info("Retention deleted {} finished executions and {} unused definition snapshots", executions, snapshots);
        }
        return new Pruned(executions, snapshots);
    }

    /** Runs a batched delete until a batch comes back short; each batch is its own statement and transaction. */
    private int repeat(IntSupplier batch) {
        int total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted >= settings.batchSize());
        return total;
    }

    @Override
    protected void runPeriodically() {
        prune();
    }
}
