package dev.nex7.llm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import dev.nex7.llm.accounting.Budgets;
import dev.nex7.llm.accounting.Ledger;
import dev.nex7.llm.accounting.Prices;
import dev.nex7.llm.provider.ModelClients;
import dev.nex7.llm.resilience.Backoff;
import dev.nex7.llm.resilience.Breakers;
import dev.nex7.llm.resilience.Delivery;
import dev.nex7.llm.resilience.Pause;
import dev.nex7.llm.resilience.ProviderChain;
import dev.nex7.llm.routing.Routes;
import dev.nex7.llm.routing.Routes.Plan;
import dev.nex7.project.ProjectId;

/**
 * The one way NEX7 calls a language model. A call:
 * <ol>
 * <li>picks its routes: the preferred models, then the rest of the chain, each provider once, with the
 * project's own key where it named one ({@code no-provider} when there is none at all);</li>
 * <li>checks the user's and the project's monthly budgets ({@code budget-exceeded}) before anything is sent;</li>
 * <li>streams the answer from the first provider that gives one: retries with backoff before the first
 * token only, a circuit breaker per provider, fallback along the chain with the conversation translated,
 * never a loop ({@code providers-unavailable}, {@code bad-request});</li>
 * <li>records tokens, cost, outcome and timings per provider it went to, whatever happened.</li>
 * </ol>
 * Calls block the calling thread, which should be virtual; interrupting it cancels the call
 * ({@code cancelled}), and what was used so far is still recorded. Prompts and answers are never
 * logged, unless {@code nex7.llm.log-content} is on and the {@code dev.nex7.llm} logger is at DEBUG.
 */
@Service
public class ModelGateway {

    private static final Logger log = LoggerFactory.getLogger(ModelGateway.class);

    private final LlmSettings settings;
    private final Routes routes;
    private final Budgets budgets;
    private final Ledger ledger;
    private final Breakers breakers;
    private final ProviderChain chain;

    @Autowired
    ModelGateway(LlmSettings settings, Routes routes, Budgets budgets, Ledger ledger, ModelClients clients,
            Clock clock) {
        this(settings, routes, budgets, ledger, clients, new Breakers(settings.resilience(), clock), Pause.SLEEP);
    }

    /** With its own circuit breakers and way of waiting between attempts (tests, benchmarks). */
    ModelGateway(LlmSettings settings, Routes routes, Budgets budgets, Ledger ledger, ModelClients clients,
            Breakers breakers, Pause pause) {
        this.settings = settings;
        this.routes = routes;
        this.budgets = budgets;
        this.ledger = ledger;
        this.breakers = breakers;
        this.chain = new ProviderChain(clients, breakers, new Backoff(settings.resilience()), pause,
                new Prices(settings.prices()), settings.resilience().maxRetries());
    }

    /**
     * Streams one turn: text pieces and complete tool calls go to {@code listener} as they arrive, on
     * this thread. A turn that ends with {@link StopReason#TOOL_USE} is continued by the caller: it runs
     * the tools and calls again with the answer and the results appended.
     *
     * @throws ModelCallFailed see its codes
     */
    public ModelResponse stream(ModelRequest request, StreamListener listener) throws ModelCallFailed {
        return call(request, listener, false);
    }

    /**
     * One turn, answered whole. The same rules as {@link #stream}, except that, as nothing has been
     * shown to anyone, an answer that breaks off may still be retried or taken over by the next provider.
     *
     * @throws ModelCallFailed see its codes
     */
    public ModelResponse complete(ModelRequest request) throws ModelCallFailed {
        return call(request, StreamListener.IGNORE, true);
    }

    /** Which providers calls in {@code project} (or without one, for {@code null}) can use, without secrets. */
    public GatewayStatus status(ProjectId project) {
        return routes.status(settings, breakers, project);
    }

    private ModelResponse call(ModelRequest request, StreamListener listener, boolean silent) {
        Plan plan = routes.plan(settings, request.context(), request.preference());
        if (plan.routes().isEmpty()) {
            if (plan.unusable().isEmpty()) {
                throw ModelCallFailed.noProvider("No model provider is configured. " + GatewayStatus.HOW_TO_CONFIGURE);
            }
            throw ModelCallFailed.providersUnavailable(plan.unusable().entrySet().stream()
                    .map(e -> new ModelCallFailed.Attempt(e.getKey().id(), e.getValue())).toList(), null);
        }
        budgets.check(settings.budgets(), request.context(), plan.project());
        if (settings.logContent() && log.isDebugEnabled()) {
            log.debug("Model call for {} (system: {}): {}", request.context(), request.system(), request.messages());
        }
        Delivery delivery = new Delivery(listener, silent, System.nanoTime());
        List<Ledger.Entry> entries = new ArrayList<>();
        try {
            ProviderChain.Answer answer = chain.run(plan, request, delivery, entries);
            Ledger.Entry answered = entries.getLast();
            ModelResponse response = new ModelResponse(answer.route().kind().id(), answer.reply().model(),
                    answer.reply().content(), answer.reply().stopReason(), answer.reply().usage(), answered.costUsd(),
                    delivery.timeToFirstToken(), answer.fallbacks());
            log.debug("Model call of user {} answered by {} {} ({} in, {} out, stop {}, first token after {} ms)",
                    request.context().user(), response.provider(), response.model(), response.usage().inputTokens(),
                    response.usage().outputTokens(), response.stopReason(), response.timeToFirstToken() == null ? "-"
                            : response.timeToFirstToken().toMillis());
            if (settings.logContent() && log.isDebugEnabled()) {
                log.debug("Model answer from {} {}: {}", response.provider(), response.model(), response.content());
            }
            return response;
        } finally {
            record(request.context(), entries);
        }
    }

    private void record(CallContext context, List<Ledger.Entry> entries) {
        // An interrupted virtual thread would close its database connection on the first read, so the
        // interrupt is set aside while the usage is written, and then set again for the caller.
        boolean interrupted = Thread.interrupted();
        try {
            ledger.record(context, entries);
        } catch (RuntimeException failed) {
            // The answer is not withheld for it; the ledger has logged why.
            log.debug("Usage of a model call for user {} not recorded", context.user(), failed);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
