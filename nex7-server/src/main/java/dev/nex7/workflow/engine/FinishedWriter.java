package dev.nex7.workflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.workflow.WorkflowEvents;
import dev.nex7.workflow.persistence.Executions;

/**
 * Writes finished low-latency executions in batches: whatever finished while the previous batch was
 * being written goes in the next one, so the database sees a few multi-row transactions a second instead
 * of one per execution. A failed one's {@link WorkflowEvents.WorkflowFailed} is published in the same
 * transaction as its row. What is queued when the application stops is written before it stops; a crash
 * loses at most the executions of the batch in flight (their callers have their answers already).
 */
@Component
class FinishedWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FinishedWriter.class);
    private static final int BATCH = 1_000;

    private static final int WRITERS = 2;

    /** Bounded so that a database that cannot keep up slows the callers down instead of filling the heap. */
    private final LinkedBlockingQueue<Executions.Finished> queue = new LinkedBlockingQueue<>(10_000);
    private final Executions executions;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    FinishedWriter(Executions executions, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.executions = executions;
        this.transactions = transactions;
        this.events = events;
    }

    /** Queues a finished execution; when the writer is far behind, the caller writes it itself (back-pressure). */
    void add(Executions.Finished finished) {
        if (!queue.offer(finished)) {
            write(List.of(finished));
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Thread.ofPlatform().name("nex7-finished-writer-" + i).daemon().start(this::drain));
        }
    }

    private void drain() {
        List<Executions.Finished> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Executions.Finished first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Executions.Finished> batch) {
        try {
            transactions.executeWithoutResult(status -> {
                executions.insertFinished(batch);
                batch.stream().filter(done -> done.status() != ExecutionStatus.SUCCEEDED)
                        .forEach(done -> events.publishEvent(WorkflowEngine.failedEvent(done.execution(), done.status(), done.error())));
            });
        } catch (RuntimeException failure) {
            if (batch.size() == 1) {
                log.error("Could not record low-latency execution {}", batch.getFirst().execution().id(), failure);
                return;
            }
            // One bad row (its workflow deleted meanwhile, say) must not lose the others.
            batch.forEach(one -> write(List.of(one)));
        }
    }

    /** Waits until everything queued is written. */
    @Override
    public void stop() {
        running = false;
        for (Thread thread : writers) {
            try {
                thread.join(10_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the engine (which stops at DEFAULT_PHASE - 1024) so that the engine's last executions are written. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
