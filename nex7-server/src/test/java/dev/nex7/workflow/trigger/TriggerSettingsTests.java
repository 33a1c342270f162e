package dev.nex7.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The trigger and retention settings bind under nex7.workflow.*, with their documented defaults, and refuse nonsense. */
class TriggerSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TriggerSettings.class, RetentionSettings.class})
    static class Wiring {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            assertThat(context.getBean(TriggerSettings.class)).isEqualTo(new TriggerSettings(Duration.ofSeconds(1), 100, Duration.ofMinutes(1)));
            RetentionSettings retention = context.getBean(RetentionSettings.class);
            assertThat(retention).isEqualTo(new RetentionSettings(Duration.ofDays(14), 10_000, Duration.ofHours(1), 1000));
            assertThat(retention.limitsAge()).isTrue();
            assertThat(retention.limitsCount()).isTrue();
        });
    }

    @Test
    void zeroSwitchesARetentionRuleOff() {
        runner.withPropertyValues("nex7.workflow.retention.max-age=0", "nex7.workflow.retention.max-per-workflow=0",
                "nex7.workflow.retention.interval=0").run(context -> {
                    RetentionSettings retention = context.getBean(RetentionSettings.class);
                    assertThat(retention.limitsAge()).isFalse();
                    assertThat(retention.limitsCount()).isFalse();
                    assertThat(retention.interval()).isZero();
                });
    }

    @Test
    void settingsBindFromPropertiesAndNonsenseStopsTheStart() {
        runner.withPropertyValues("nex7.workflow.trigger.poll-interval=250ms", "nex7.workflow.trigger.max-catch-up=5",
                "nex7.workflow.retention.max-age=30d").run(context -> {
                    assertThat(context.getBean(TriggerSettings.class).pollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(context.getBean(TriggerSettings.class).maxCatchUp()).isEqualTo(5);
                    assertThat(context.getBean(RetentionSettings.class).maxAge()).isEqualTo(Duration.ofDays(30));
                });
        runner.withPropertyValues("nex7.workflow.trigger.max-catch-up=0").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("nex7.workflow.retention.max-per-workflow=-1").run(context -> assertThat(context).hasFailed());
    }
}
