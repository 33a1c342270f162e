package dev.nex7.llm;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.nex7.llm.provider.ProviderKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The model gateway ({@code nex7.llm.*}). Nothing is configured by default: NEX7 starts and works
 * without a model provider, and the chat says how to configure one.
 *
 * @param anthropic Anthropic's Messages API (key: env {@code NEX7_LLM_ANTHROPIC_API_KEY})
 * @param openai OpenAI's Chat Completions (key: env {@code NEX7_LLM_OPENAI_API_KEY})
 * @param compatible an OpenAI-compatible server such as Ollama, vLLM or a llama.cpp server (env
 *        {@code NEX7_LLM_COMPATIBLE_BASE_URL}, {@code NEX7_LLM_COMPATIBLE_MODEL}, optional
 *        {@code NEX7_LLM_COMPATIBLE_API_KEY}); a server on this machine or a private network also needs
 *        an outbound allow-list entry
 * @param chain the order providers are tried in when a call names none; a provider that is not
 *        configured is left out
 * @param prices USD per million input and output tokens, by model name (a model whose name starts
 *        with a key uses that key's price; the longest key wins): for Anthropic and OpenAI over the
 *        built-in table of list prices, for the OpenAI-compatible server alone (a local model costs
 *        nothing unless priced here)
 * @param budgets monthly spending limits (UTC calendar months); none by default
 * @param resilience retries, backoff and circuit breakers
 * @param logContent whether prompts and completions are logged at DEBUG (logger {@code dev.nex7.llm});
 *        off by default, because they may hold anything a user typed
 */
@Validated
@ConfigurationProperties("nex7.llm")
public record LlmSettings(
        @DefaultValue @Valid Provider anthropic,
        @DefaultValue @Valid Provider openai,
        @DefaultValue @Valid Provider compatible,
        @DefaultValue({"anthropic", "openai", "compatible"}) List<String> chain,
        Map<String, Price> prices,
        @DefaultValue @Valid Budgets budgets,
        @DefaultValue @Valid Resilience resilience,
        @DefaultValue("false") boolean logContent) {

    /** Built-in prices in USD per million tokens (list prices when this was written; local models cost nothing). */
    public static final Map<String, Price> DEFAULT_PRICES = defaultPrices();

    public LlmSettings {
        anthropic = anthropic == null ? Provider.none() : anthropic;
        openai = openai == null ? Provider.none() : openai;
        compatible = compatible == null ? Provider.none() : compatible;
        chain = chain == null ? List.of() : chain.stream().filter(id -> id != null && !id.isBlank()).map(String::strip)
                .toList();
        for (String id : chain) {
            if (ProviderKind.find(id).isEmpty()) {
                throw new IllegalArgumentException("nex7.llm.chain names an unknown provider: " + id
                        + " (known: anthropic, openai, compatible)");
            }
        }
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        budgets = budgets == null ? new Budgets(null, null) : budgets;
        resilience = resilience == null ? Resilience.defaults() : resilience;
    }

    /** The settings of one provider. */
    public Provider provider(ProviderKind kind) {
        return switch (kind) {
            case ANTHROPIC -> anthropic;
            case OPENAI -> openai;
            case COMPATIBLE -> compatible;
        };
    }

    /** The chain as provider kinds, in order. */
    public List<ProviderKind> chainKinds() {
        return chain.stream().map(id -> ProviderKind.find(id).orElseThrow()).distinct().toList();
    }

    /**
     * One provider's settings.
     *
     * @param enabled whether the provider may be used at all (a project's own key included)
     * @param baseUrl where its API is, without {@code /v1}; empty for the provider's own address
     *        ({@code https://api.anthropic.com}, {@code https://api.openai.com}); required for {@code compatible}
     * @param apiKey the instance's key; blank for none (then only projects with their own key can use it,
     *        except {@code compatible}, which works without)
     * @param defaultModel the model used when a call names none; empty for the built-in default
     *        ({@code claude-sonnet-4-5}, {@code gpt-4.1}); required for {@code compatible}
     * @param timeout the longest wait for the answer to start, and then between two pieces of it
     */
    public record Provider(
            @DefaultValue("true") boolean enabled,
            URI baseUrl,
            String apiKey,
            String defaultModel,
            @DefaultValue("60s") @NotNull Duration timeout) {

        public Provider {
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
            defaultModel = defaultModel == null || defaultModel.isBlank() ? null : defaultModel.strip();
            if (baseUrl != null && baseUrl.toString().isBlank()) {
                baseUrl = null;
            }
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        }

        /** Enabled, nothing set. */
        public static Provider none() {
            return new Provider(true, null, null, null, null);
        }

        /** Enabled, with the given address (null for the default), key and model. */
        public static Provider of(URI baseUrl, String apiKey, String defaultModel) {
            return new Provider(true, baseUrl, apiKey, defaultModel, null);
        }

        @Override
        public String toString() {
            return "Provider[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none"
                    : "[redacted]") + ", defaultModel=" + defaultModel + ", timeout=" + timeout + "]";
        }
    }

    /**
     * A model's price.
     *
     * @param input USD per million input tokens
     * @param output USD per million output tokens
     */
    public record Price(@NotNull @DecimalMin("0") BigDecimal input, @NotNull @DecimalMin("0") BigDecimal output) {

        public static Price of(String input, String output) {
            return new Price(new BigDecimal(input), new BigDecimal(output));
        }
    }

    /**
     * Monthly spending limits in USD, per UTC calendar month; empty for none. A project owner sets
     * their project's own limit, and an administrator a user's, through the API.
     *
     * @param userMonthlyUsd what one user may spend, across projects
     * @param projectMonthlyUsd what one project may spend, across users
     */
    public record Budgets(@DecimalMin("0") BigDecimal userMonthlyUsd, @DecimalMin("0") BigDecimal projectMonthlyUsd) {
    }

    /**
     * How failures are handled. Retries happen only before the first piece of an answer is streamed.
     *
     * @param maxRetries retries per provider and call after the first attempt (429, 5xx, 529 overloaded,
     *        timeouts, broken connections)
     * @param initialBackoff the wait before the first retry; it doubles with each retry, with jitter
     * @param maxBackoff the longest wait between two attempts
     * @param maxRetryAfter the longest {@code retry-after} honoured; a provider asking for longer is
     *        given up on at once (the next provider is tried)
     * @param failureRateThreshold percentage of failed attempts (those that would be retried) in the
     *        window that opens a provider's circuit
     * @param minimumCalls attempts in the window before the rate counts
     * @param window attempts the failure rate is computed over
     * @param openFor how long an open circuit sends no request to its provider
     * @param halfOpenCalls trial attempts let through after that
     */
    public record Resilience(
            @DefaultValue("2") @Min(0) @Max(10) int maxRetries,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("8s") @NotNull Duration maxBackoff,
            @DefaultValue("20s") @NotNull Duration maxRetryAfter,
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("20") @Min(1) int window,
            @DefaultValue("30s") @NotNull Duration openFor,
            @DefaultValue("1") @Min(1) int halfOpenCalls) {

        public static Resilience defaults() {
            return new Resilience(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(20), 50, 5, 20,
                    Duration.ofSeconds(30), 1);
        }
    }

    private static Map<String, Price> defaultPrices() {
        Map<String, Price> prices = new LinkedHashMap<>();
        prices.put("claude-opus-4-5", Price.of("5", "25"));
        prices.put("claude-opus-4-1", Price.of("15", "75"));
        prices.put("claude-opus-4", Price.of("15", "75"));
        prices.put("claude-sonnet-4", Price.of("3", "15"));
        prices.put("claude-3-7-sonnet", Price.of("3", "15"));
        prices.put("claude-haiku-4-5", Price.of("1", "5"));
        prices.put("claude-3-5-haiku", Price.of("0.80", "4"));
        prices.put("gpt-5", Price.of("1.25", "10"));
        prices.put("gpt-5-mini", Price.of("0.25", "2"));
        prices.put("gpt-5-nano", Price.of("0.05", "0.40"));
        prices.put("gpt-4.1", Price.of("2", "8"));
        prices.put("gpt-4.1-mini", Price.of("0.40", "1.60"));
        prices.put("gpt-4.1-nano", Price.of("0.10", "0.40"));
        prices.put("gpt-4o", Price.of("2.50", "10"));
        prices.put("gpt-4o-mini", Price.of("0.15", "0.60"));
        prices.put("o3", Price.of("2", "8"));
        prices.put("o3-mini", Price.of("1.10", "4.40"));
        prices.put("o4-mini", Price.of("1.10", "4.40"));
        return Map.copyOf(prices);
    }
}
