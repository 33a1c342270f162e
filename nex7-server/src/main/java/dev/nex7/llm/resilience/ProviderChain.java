package dev.nex7.llm.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.nex7.llm.FallbackNotice;
import dev.nex7.llm.ModelCallFailed;
import dev.nex7.llm.ModelRequest;
import dev.nex7.llm.ModelResponse;
import dev.nex7.llm.Usage;
import dev.nex7.llm.accounting.Ledger;
import dev.nex7.llm.accounting.Prices;
import dev.nex7.llm.provider.ModelClients;
import dev.nex7.llm.provider.ProviderFailure;
import dev.nex7.llm.provider.ProviderReply;
import dev.nex7.llm.routing.Routes.Plan;
import dev.nex7.llm.routing.Routes.Route;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Runs one turn along the routes of a plan, with the rules the gateway promises:
 * <ol>
 * <li>each provider is tried once per call, with at most {@code maxRetries} retries, and only before
 * the first piece of the answer reached the caller; the wait before a retry is the {@link Backoff};</li>
 * <li>a provider whose circuit is open gets no request: the next one is tried;</li>
 * <li>when a provider's retries are spent, or its key is refused, or it cannot be reached, the next one is
 * tried, with the whole conversation translated to its format;</li>
 * <li>a failure after the first piece, a request the provider refuses (4xx), and an interrupt end the call;</li>
 * <li>when every route failed, one {@code providers-unavailable} names each and why.</li>
 * </ol>
 * So a call makes at most {@code routes × (maxRetries + 1)} requests and never loops.
 */
public final class ProviderChain {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProviderChain.class);

    private final ModelClients clients;
    private final Breakers breakers;
    private final Backoff backoff;
    private final Pause pause;
    private final Prices prices;
    private final int maxRetries;

    public ProviderChain(ModelClients clients, Breakers breakers, Backoff backoff, Pause pause, Prices prices,
            int maxRetries) {
        this.clients = clients;
        this.breakers = breakers;
        this.backoff = backoff;
        this.pause = pause;
        this.prices = prices;
        this.maxRetries = maxRetries;
    }

    /** The answer, the route that gave it, and the providers given up on before it. */
    public record Answer(Route route, ProviderReply reply, List<FallbackNotice> fallbacks) {
    }

    /**
     * Runs the turn; every provider's part goes to {@code entries}, whatever happens.
     *
     * @throws ModelCallFailed {@code providers-unavailable}, {@code bad-request} or {@code cancelled}
     */
    public Answer run(Plan plan, ModelRequest request, Delivery delivery, List<Ledger.Entry> entries) {
        List<ModelCallFailed.Attempt> failures = new ArrayList<>();
        plan.unusable().forEach((kind, reason) -> failures.add(new ModelCallFailed.Attempt(kind.id(), reason)));
        List<FallbackNotice> fallbacks = new ArrayList<>();
        Route previous = null;
        String previousReason = null;
        for (Route route : plan.routes()) {
            if (previous != null) {
                FallbackNotice notice = new FallbackNotice(previous.kind().id(), route.kind().id(), previousReason);
                log.info("Model call moves from {} to {}: {} {}", notice.fromProvider(), notice.toProvider(),
                        notice.fromProvider(), notice.reason());
                fallbacks.add(notice);
                delivery.fallback(notice);
            }
            Tried tried = tryRoute(route, request, delivery, entries, fallbacks);
            if (tried.reply() != null) {
                return new Answer(route, tried.reply(), fallbacks);
            }
            failures.add(new ModelCallFailed.Attempt(route.kind().id(), tried.reason()));
            previous = route;
            previousReason = tried.reason();
        }
        ModelCallFailed unavailable = ModelCallFailed.providersUnavailable(failures, null);
        log.warn(unavailable.getMessage());
        throw unavailable;
    }

    /** A reply, or why the route was given up on. */
    private record Tried(ProviderReply reply, String reason) {
    }

    private Tried tryRoute(Route route, ModelRequest request, Delivery delivery, List<Ledger.Entry> entries,
            List<FallbackNotice> fallbacks) {
        CircuitBreaker breaker = breakers.of(route.kind());
        long started = System.nanoTime();
        String lastReason = null;
        for (int tries = 0;; tries++) {
            if (Thread.currentThread().isInterrupted()) {
                entries.add(entry(route, route.model(), Ledger.CANCELLED, Usage.NONE, null, started));
                throw ModelCallFailed.cancelled(null);
            }
            if (!breaker.tryAcquirePermission()) {
                if (tries == 0) {
                    return new Tried(null, "was skipped: its circuit is open after repeated failures");
                }
                entries.add(entry(route, route.model(), Ledger.FAILED, Usage.NONE, null, started));
                return new Tried(null, lastReason + ", then its circuit opened");
            }
            long attemptStarted = System.nanoTime();
            try {
                ProviderReply reply = clients.client(route.kind()).stream(route.endpoint(), route.model(), request,
                        delivery);
                breaker.onSuccess(System.nanoTime() - attemptStarted, TimeUnit.NANOSECONDS);
                entries.add(entry(route, reply.model(), Ledger.OK, reply.usage(), delivery.timeToFirstToken(),
                        started));
                return new Tried(reply, null);
            } catch (ProviderFailure failure) {
                if (failure.retryable()) {
                    breaker.onError(System.nanoTime() - attemptStarted, TimeUnit.NANOSECONDS, failure);
                } else {
                    breaker.releasePermission();
                }
                lastReason = failure.getMessage() + (tries > 0 ? " after " + (tries + 1) + " attempts" : "");
                Tried gaveUp = afterFailure(route, failure, tries, lastReason, delivery, entries, fallbacks, started);
                if (gaveUp != null) {
                    return gaveUp;
                }
            }
        }
    }

    /** What follows a failed attempt: an exception that ends the call, a route given up on, or null to retry. */
    private Tried afterFailure(Route route, ProviderFailure failure, int tries, String reason, Delivery delivery,
            List<Ledger.Entry> entries, List<FallbackNotice> fallbacks, long started) {
        ProviderReply partial = failure.partial();
        if (failure.kind() == ProviderFailure.Kind.CANCELLED) {
            entries.add(entry(route, partial.model(), Ledger.CANCELLED, partial.usage(), delivery.timeToFirstToken(),
                    started));
            throw ModelCallFailed.cancelled(received(route, partial, delivery, fallbacks));
        }
        if (delivery.committed()) {
            entries.add(entry(route, partial.model(), Ledger.BROKEN, partial.usage(), delivery.timeToFirstToken(),
                    started));
            throw ModelCallFailed.providersUnavailable(List.of(new ModelCallFailed.Attempt(route.kind().id(),
                    failure.getMessage() + " after the answer had started")), received(route, partial, delivery,
                    fallbacks));
        }
        if (failure.kind() == ProviderFailure.Kind.BAD_REQUEST) {
            entries.add(entry(route, route.model(), Ledger.REJECTED, Usage.NONE, null, started));
            throw ModelCallFailed.badRequest(route.kind().id(), failure.getMessage());
        }
        if (!failure.retryable() || tries >= maxRetries) {
            entries.add(entry(route, route.model(), Ledger.FAILED, Usage.NONE, null, started));
            return new Tried(null, reason);
        }
        Duration wait = backoff.before(tries, failure.retryAfter());
        if (wait == null) {
            entries.add(entry(route, route.model(), Ledger.FAILED, Usage.NONE, null, started));
            return new Tried(null, reason + " and asked to wait " + failure.retryAfter().toSeconds() + " s");
        }
        try {
            pause.pause(wait);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            entries.add(entry(route, route.model(), Ledger.CANCELLED, Usage.NONE, null, started));
            throw ModelCallFailed.cancelled(null);
        }
        return null;
    }

    /** What the caller had received when the call ended early, or null when nothing was. */
    private ModelResponse received(Route route, ProviderReply partial, Delivery delivery,
            List<FallbackNotice> fallbacks) {
        if (partial.content().isEmpty()) {
            return null;
        }
        return new ModelResponse(route.kind().id(), partial.model(), partial.content(), partial.stopReason(),
                partial.usage(), prices.cost(route.kind().id(), partial.model(), partial.usage()),
                delivery.timeToFirstToken(), fallbacks);
    }

    private Ledger.Entry entry(Route route, String model, String outcome, Usage usage, Duration ttft, long started) {
        return new Ledger.Entry(route.kind().id(), model, outcome, usage, prices.cost(route.kind().id(), model, usage),
                ttft, Duration.ofNanos(System.nanoTime() - started));
    }
}
