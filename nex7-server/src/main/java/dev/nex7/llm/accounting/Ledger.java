package dev.nex7.llm.accounting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.llm.CallContext;
import dev.nex7.llm.Usage;
import dev.nex7.llm.persistence.LlmCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Writes down what each model call used: a row per provider it went to (for budgets and usage
 * reports) and the metrics {@code nex7_llm_requests_total{provider,model,outcome}},
 * {@code nex7_llm_tokens_total{provider,model,direction}},
 * {@code nex7_llm_request_duration_seconds{provider,outcome}} and
 * {@code nex7_llm_time_to_first_token_seconds{provider,model}}. Never what was said.
 *
 * <p>Rows are written by one writer thread in batches, one transaction each ("group commit"): a
 * caller still waits until its rows are committed, but many calls ending together cost the database
 * one commit instead of one each. With a commit per call, the inserts of the calls that had ended
 * slowed down the first tokens of those still starting (see bench/llm-gateway.sh).
 */
@Component
public class Ledger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Ledger.class);
    private static final int MAX_BATCH = 500;
    /** Tells the writer to stop once it has written what came before. */
    private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());

    /** Outcomes, as rows and the {@code outcome} tag name them. */
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
    public static final String BROKEN = "broken";
    public static final String CANCELLED = "cancelled";

    /**
     * One provider's part of a call.
     *
     * @param ttft from the start of the call to the first piece streamed, or {@code null}
     * @param duration the time spent with this provider, retries and waits included
     */
    public record Entry(String provider, String model, String outcome, Usage usage, BigDecimal costUsd, Duration ttft,
            Duration duration) {
    }

    /** Rows waiting for the writer, and who waits for them. */
    private record Pending(List<LlmCalls.Call> rows, CompletableFuture<Void> written) {
    }

    private final LlmCalls calls;
    private final TransactionTemplate transactions;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;

    public Ledger(LlmCalls calls, TransactionTemplate transactions, MeterRegistry metrics, Clock clock) {
        this.calls = calls;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Records the entries of one call and returns once they are committed.
     *
     * @throws IllegalStateException when they could not be written (the database is down, say)
     */
    public void record(CallContext context, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LlmCalls.Call> rows = new ArrayList<>();
        for (Entry entry : entries) {
            rows.add(new LlmCalls.Call(UUID.randomUUID(), context.user(), context.project(), context.agentId(),
                    context.purpose(), entry.provider(), entry.model(), entry.usage().inputTokens(),
                    entry.usage().outputTokens(), entry.costUsd(), entry.outcome(),
                    entry.ttft() == null ? null : (int) Math.min(Integer.MAX_VALUE, entry.ttft().toMillis()),
                    (int) Math.min(Integer.MAX_VALUE, entry.duration().toMillis()),
                    clock.instant().truncatedTo(ChronoUnit.MICROS)));
            measure(entry);
        }
        if (writer == null) {
            // Not running (starting up or shut down): written on the caller's thread.
            write(rows);
            return;
        }
        Pending pending = new Pending(rows, new CompletableFuture<>());
        queue.add(pending);
        if (writer == null) {
            // Stopped since the check above: nobody else will write it.
            writeNow(drain(new ArrayList<>()));
        }
        try {
            pending.written().join();
        } catch (CompletionException failed) {
            throw new IllegalStateException("The usage of a model call could not be recorded", failed.getCause());
        }
    }

    @Override
    public void start() {
        writer = Thread.ofVirtual().name("nex7-llm-ledger").start(this::writeBatches);
    }

    /** Lets the writer finish what is queued (an interrupt could break its database connection), then stops it. */
    @Override
    public void stop() {
        Thread running = writer;
        writer = null;
        if (running != null) {
            queue.add(STOP);
            try {
                running.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        writeNow(drain(new ArrayList<>()));
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    private void writeBatches() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException interrupted) {
                return;
            }
            drain(batch);
            boolean stopping = batch.remove(STOP);
            writeNow(batch);
            if (stopping) {
                return;
            }
        }
    }

    private List<Pending> drain(List<Pending> batch) {
        queue.drainTo(batch, MAX_BATCH);
        return batch;
    }

    private void writeNow(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch.stream().flatMap(pending -> pending.rows().stream()).toList());
            batch.forEach(pending -> pending.written().complete(null));
        } catch (RuntimeException failed) {
            log.error("Could not record the usage of {} model calls", batch.size(), failed);
            batch.forEach(pending -> pending.written().completeExceptionally(failed));
        }
    }

    private void write(List<LlmCalls.Call> rows) {
        transactions.executeWithoutResult(status -> calls.insertAll(rows));
    }

    private void measure(Entry entry) {
        counter("nex7_llm_requests_total", "Model calls per provider, model and outcome", "provider", entry.provider(),
                "model", entry.model(), "outcome", entry.outcome()).increment();
        counter("nex7_llm_tokens_total", "Tokens read and written", "provider", entry.provider(), "model",
                entry.model(), "direction", "input").increment(entry.usage().inputTokens());
        counter("nex7_llm_tokens_total", "Tokens read and written", "provider", entry.provider(), "model",
                entry.model(), "direction", "output").increment(entry.usage().outputTokens());
        timer("nex7_llm_request_duration_seconds", "Time spent with a provider per call, retries included",
                "provider", entry.provider(), "outcome", entry.outcome()).record(entry.duration());
        if (entry.ttft() != null) {
            timer("nex7_llm_time_to_first_token_seconds", "From the call to the first piece of the answer",
                    "provider", entry.provider(), "model", entry.model()).record(entry.ttft());
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), key -> Counter.builder(name).description(description)
                .tags(tags).register(metrics));
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(key(name, tags), key -> Timer.builder(name).description(description)
                .tags(tags).publishPercentileHistogram().register(metrics));
    }

    private static List<String> key(String name, String... tags) {
        ArrayList<String> key = new ArrayList<>(List.of(tags));
        key.addFirst(name);
        return key;
    }
}
