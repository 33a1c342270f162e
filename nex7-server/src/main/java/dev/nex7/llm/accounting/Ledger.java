package dev.nex7.llm.accounting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

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
 * {@code nex7_llm_time_to_first_token_seconds{provider}}. Never what was said.
 */
@Component
public class Ledger {

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

    private final LlmCalls calls;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public Ledger(LlmCalls calls, MeterRegistry metrics, Clock clock) {
        this.calls = calls;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Records the entries of one call. */
    public void record(CallContext context, List<Entry> entries) {
        for (Entry entry : entries) {
            calls.insert(new LlmCalls.Call(UUID.randomUUID(), context.user(), context.project(), context.agentId(),
                    context.purpose(), entry.provider(), entry.model(), entry.usage().inputTokens(),
                    entry.usage().outputTokens(), entry.costUsd(), entry.outcome(),
                    entry.ttft() == null ? null : (int) Math.min(Integer.MAX_VALUE, entry.ttft().toMillis()),
                    (int) Math.min(Integer.MAX_VALUE, entry.duration().toMillis()),
                    clock.instant().truncatedTo(ChronoUnit.MICROS)));
            measure(entry);
        }
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
        java.util.ArrayList<String> key = new java.util.ArrayList<>(List.of(tags));
        key.addFirst(name);
        return key;
    }
}
