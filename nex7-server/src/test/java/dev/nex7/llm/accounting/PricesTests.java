package dev.nex7.llm.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.llm.LlmSettings;
import dev.nex7.llm.Usage;

class PricesTests {

    private final Prices prices = new Prices(Map.of());

    @Test
    void aDatedModelCostsWhatTheLongestMatchingFamilyCosts() {
        assertThat(prices.cost("anthropic", "claude-sonnet-4-5-20250929", new Usage(1_000_000, 1_000_000)))
                .isEqualByComparingTo("18");
        assertThat(prices.cost("openai", "gpt-4.1-mini-2025-04-14", new Usage(1_000_000, 0)))
                .isEqualByComparingTo("0.40");
        assertThat(prices.cost("openai", "gpt-4.1-2025-04-14", new Usage(1_000_000, 0))).isEqualByComparingTo("2");
        assertThat(prices.cost("anthropic", "claude-haiku-4-5", new Usage(1200, 800))).isEqualByComparingTo("0.0052");
    }

    @Test
    void localModelsCostOnlyWhatIsConfiguredAndConfiguredPricesWinOverTheBuiltInOnes() {
        Prices configured = new Prices(Map.of("gpt-4.1", LlmSettings.Price.of("1", "1"), "llama3",
                LlmSettings.Price.of("0.1", "0.1")));

        assertThat(prices.cost("compatible", "llama3.1:8b", new Usage(5_000_000, 5_000_000))).isZero();
        assertThat(prices.cost("compatible", "gpt-4.1", new Usage(5_000_000, 5_000_000))).isZero();
        assertThat(prices.cost("openai", "some-new-model", new Usage(5_000_000, 5_000_000))).isZero();
        assertThat(configured.cost("openai", "gpt-4.1", new Usage(1_000_000, 1_000_000))).isEqualByComparingTo("2");
        assertThat(configured.cost("compatible", "llama3.1:8b", new Usage(1_000_000, 0))).isEqualByComparingTo("0.1");
    }
}
