package dev.nex7.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import dev.nex7.platform.ApiProblem;

/**
 * A model call did not produce an answer. {@link #code()} says why in a stable word, and the
 * exception answers as a Problem Details document of type {@code https://nex7.dev/problems/llm-<code>}:
 * <ul>
 * <li>{@code no-provider} — nothing is configured; the message says which settings to set;</li>
 * <li>{@code budget-exceeded} — a monthly budget is spent; {@link #budget()} says which, how much and
 * when it resets;</li>
 * <li>{@code providers-unavailable} — every provider of the chain failed or had its circuit open;
 * {@link #attempts()} names each and why. When the failure came after text had been streamed,
 * {@link #partial()} holds what was received;</li>
 * <li>{@code bad-request} — the provider refused the request itself (invalid, context too long); another
 * provider would refuse it too, so there was no fallback;</li>
 * <li>{@code cancelled} — the calling thread was interrupted; the usage so far was recorded.</li>
 * </ul>
 * No message carries an API key, a prompt or a completion.
 */
public class ModelCallFailed extends ApiProblem {

    public static final String NO_PROVIDER = "no-provider";
    public static final String BUDGET_EXCEEDED = "budget-exceeded";
    public static final String PROVIDERS_UNAVAILABLE = "providers-unavailable";
    public static final String BAD_REQUEST = "bad-request";
    public static final String CANCELLED = "cancelled";

    /** One provider that was given up on, and why. */
    public record Attempt(String provider, String reason) {
    }

    /**
     * A spent budget.
     *
     * @param scope {@code user} or {@code project}
     * @param usedUsd spent this month
     * @param limitUsd the monthly limit
     * @param resetsAt the start of next month (UTC), when the budget starts again
     */
    public record Budget(String scope, BigDecimal usedUsd, BigDecimal limitUsd, Instant resetsAt) {
    }

    private final String code;
    private final List<Attempt> attempts;
    private final Budget budget;
    private final ModelResponse partial;

    private ModelCallFailed(HttpStatus status, String code, String title, String detail, List<Attempt> attempts,
            Budget budget, ModelResponse partial) {
        super(status, "llm-" + code, title, detail);
        this.code = code;
        this.attempts = List.copyOf(attempts);
        this.budget = budget;
        this.partial = partial;
    }

    /** Nothing is configured; {@code howToConfigure} names the settings. */
    public static ModelCallFailed noProvider(String howToConfigure) {
        return new ModelCallFailed(HttpStatus.SERVICE_UNAVAILABLE, NO_PROVIDER, "No model provider configured",
                howToConfigure, List.of(), null, null);
    }

    public static ModelCallFailed budgetExceeded(Budget budget) {
        return new ModelCallFailed(HttpStatus.TOO_MANY_REQUESTS, BUDGET_EXCEEDED, "Model budget exceeded",
                "The " + budget.scope() + "'s monthly model budget is spent: $" + budget.usedUsd().toPlainString()
                        + " of $" + budget.limitUsd().toPlainString() + " used; it resets at " + budget.resetsAt()
                        + ".", List.of(), budget, null);
    }

    /** Every provider failed or was skipped; {@code partial} is what was streamed before a failure, or null. */
    public static ModelCallFailed providersUnavailable(List<Attempt> attempts, ModelResponse partial) {
        StringBuilder detail = new StringBuilder(partial == null
                ? "No model provider could answer: "
                : "The answer broke off after it had started, so it was not retried: ");
        for (int i = 0; i < attempts.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(attempts.get(i).provider()).append(' ')
                    .append(attempts.get(i).reason());
        }
        return new ModelCallFailed(HttpStatus.SERVICE_UNAVAILABLE, PROVIDERS_UNAVAILABLE, "Model providers unavailable",
                detail.append('.').toString(), attempts, null, partial);
    }

    /** The provider refused the request; {@code reason} is the provider's own message (never the prompt). */
    public static ModelCallFailed badRequest(String provider, String reason) {
        return new ModelCallFailed(HttpStatus.BAD_REQUEST, BAD_REQUEST, "The model provider refused the request",
                provider + " refused the request: " + reason, List.of(new Attempt(provider, reason)), null, null);
    }

    public static ModelCallFailed cancelled(ModelResponse partial) {
        return new ModelCallFailed(HttpStatus.CONFLICT, CANCELLED, "Model call cancelled",
                "The model call was cancelled.", List.of(), null, partial);
    }

    /** A short, stable reason: {@code no-provider}, {@code budget-exceeded}, {@code providers-unavailable}, … */
    public String code() {
        return code;
    }

    /** The providers given up on, in order, with their reasons. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The spent budget, for {@code budget-exceeded}; otherwise {@code null}. */
    public Budget budget() {
        return budget;
    }

    /** What was streamed before the call failed or was cancelled, or {@code null} when nothing was. */
    public ModelResponse partial() {
        return partial;
    }

    @Override
    public Map<String, String> headers() {
        if (budget == null) {
            return Map.of();
        }
        long seconds = Math.max(1, budget.resetsAt().getEpochSecond() - Instant.now().getEpochSecond());
        return Map.of("Retry-After", Long.toString(seconds));
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", code);
        if (budget != null) {
            properties.put("budget", budget.scope());
            properties.put("usedUsd", budget.usedUsd());
            properties.put("limitUsd", budget.limitUsd());
            properties.put("resetsAt", budget.resetsAt().toString());
        }
        if (!attempts.isEmpty()) {
            properties.put("attempts", attempts.stream().map(a -> Map.of("provider", a.provider(), "reason",
                    a.reason())).toList());
        }
        return properties;
    }
}
