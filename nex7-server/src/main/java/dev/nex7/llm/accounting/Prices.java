package dev.nex7.llm.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.Usage;

/**
 * What tokens cost: for Anthropic and OpenAI from {@code nex7.llm.prices} over the built-in list
 * prices, for the OpenAI-compatible server from {@code nex7.llm.prices} alone (a model on one's own
 * machine costs nothing, whatever it is called). A model takes the price of the longest table key
 * its name starts with, so that dated versions ({@code claude-sonnet-4-5-20250929}) cost what their
 * family costs; a cloud model without a price costs nothing, with a warning once.
 */
public final class Prices {

    private static final Logger log = LoggerFactory.getLogger(Prices.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, LlmSettings.Price> cloud;
    private final Map<String, LlmSettings.Price> local;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** With {@code configured} over the built-in prices. */
    public Prices(Map<String, LlmSettings.Price> configured) {
        Map<String, LlmSettings.Price> merged = new java.util.HashMap<>(LlmSettings.DEFAULT_PRICES);
        merged.putAll(configured);
        this.cloud = Map.copyOf(merged);
        this.local = Map.copyOf(configured);
    }

    /** The price of {@code model} at {@code provider}, if there is one. */
    public Optional<LlmSettings.Price> of(String provider, String model) {
        Map<String, LlmSettings.Price> table = provider.equals("compatible") ? local : cloud;
        return table.entrySet().stream().filter(entry -> model.startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().length())).map(Map.Entry::getValue);
    }

    /** The cost of {@code usage} on {@code model} in USD, to eight decimals; zero for a model without a price. */
    public BigDecimal cost(String provider, String model, Usage usage) {
        Optional<LlmSettings.Price> price = of(provider, model);
        if (price.isEmpty()) {
            if (!provider.equals("compatible") && warned.add(model)) {
                log.warn("No price for model {}: its calls are recorded as costing nothing; set "
                        + "nex7.llm.prices.[{}].input and .output (USD per million tokens)", model, model);
            }
            return BigDecimal.ZERO.setScale(8);
        }
        return price.get().input().multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(price.get().output().multiply(BigDecimal.valueOf(usage.outputTokens())))
                .divide(MILLION, 8, RoundingMode.HALF_UP);
    }
}
