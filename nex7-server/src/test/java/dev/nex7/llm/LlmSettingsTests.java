package dev.nex7.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.nex7.llm.provider.ProviderKind;

class LlmSettingsTests {

    @Test
    void nothingIsConfiguredByDefault() {
        LlmSettings settings = bind(Map.of());

        assertThat(settings.anthropic().apiKey()).isNull();
        assertThat(settings.openai().apiKey()).isNull();
        assertThat(settings.compatible().baseUrl()).isNull();
        assertThat(settings.chainKinds()).containsExactly(ProviderKind.ANTHROPIC, ProviderKind.OPENAI,
                ProviderKind.COMPATIBLE);
        assertThat(settings.budgets().userMonthlyUsd()).isNull();
        assertThat(settings.resilience().maxRetries()).isEqualTo(2);
        assertThat(settings.anthropic().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.logContent()).isFalse();
        assertThat(settings.prices()).isEmpty();
        assertThat(LlmSettings.DEFAULT_PRICES).containsKey("claude-sonnet-4");
    }

    @Test
    void propertiesBindAndBlankValuesMeanNone() {
        LlmSettings settings = bind(Map.of(
                "nex7.llm.anthropic.api-key", "sk-ant-secret",
                "nex7.llm.openai.api-key", "",
                "nex7.llm.compatible.base-url", "http://ollama.internal:11434",
                "nex7.llm.compatible.default-model", "llama3.1:8b",
                "nex7.llm.chain", "compatible,anthropic",
                "nex7.llm.prices.[gpt-4.1].input", "1.5",
                "nex7.llm.prices.[gpt-4.1].output", "6",
                "nex7.llm.budgets.project-monthly-usd", "100",
                "nex7.llm.resilience.open-for", "1m"));

        assertThat(settings.anthropic().apiKey()).isEqualTo("sk-ant-secret");
        assertThat(settings.openai().apiKey()).isNull();
        assertThat(settings.compatible().baseUrl()).hasToString("http://ollama.internal:11434");
        assertThat(settings.chainKinds()).containsExactly(ProviderKind.COMPATIBLE, ProviderKind.ANTHROPIC);
        assertThat(settings.prices().get("gpt-4.1").input()).isEqualByComparingTo("1.5");
        assertThat(settings.budgets().projectMonthlyUsd()).isEqualByComparingTo("100");
        assertThat(settings.resilience().openFor()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnknownProviderInTheChainIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("nex7.llm.chain", "anthropic,gemini")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("gemini");
    }

    @Test
    void keysAreRedactedInStringForms() {
        LlmSettings settings = bind(Map.of("nex7.llm.anthropic.api-key", "sk-ant-api03-secret-value"));

        assertThat(settings.toString()).doesNotContain("sk-ant-api03-secret-value").contains("[redacted]");
    }

    private static LlmSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("nex7.llm", LlmSettings.class);
    }
}
