package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

import dev.nex7.integration.OutboundSockets;
import dev.nex7.integration.OutboundSocketsFixtures;
import dev.nex7.plugin.node.NodeType;
import dev.nex7.workflow.code.CodeSettings;
import dev.nex7.workflow.code.JavaScriptSandbox;
import dev.nex7.workflow.expression.ExpressionSettings;
import dev.nex7.workflow.expression.Expressions;
import tools.jackson.databind.json.JsonMapper;

/** The nodes and what they need come up as Spring beans, with settings bound and validated. */
class BuiltInNodesWiringTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ExpressionSettings.class, CodeSettings.class})
    @Import({Expressions.class, JavaScriptSandbox.class, Code.class, Transform.class, SetFields.class})
    static class Wiring {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void theNodesAreBeansAndTheSettingsHaveTheirDefaults() {
        runner.run(context -> {
            assertThat(context.getBeansOfType(NodeType.class).values()).extracting(node -> node.descriptor().type())
                    .containsExactlyInAnyOrder("code", "transform", "set");
            assertThat(context.getBean(ExpressionSettings.class)).isEqualTo(ExpressionSettings.defaults());
            assertThat(context.getBean(CodeSettings.class)).isEqualTo(CodeSettings.defaults());
        });
    }

    @Configuration(proxyBeanMethods = false)
    @Import({SendEmail.class, DatabaseQuery.class})
    static class IoWiring {
        @Bean
        OutboundSockets outboundSockets() {
            return OutboundSocketsFixtures.opening();
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    @Test
    void theSendEmailAndDatabaseQueryNodesAreBeansOnTheCheckedSockets() {
        new ApplicationContextRunner().withUserConfiguration(IoWiring.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(NodeType.class).values()).extracting(node -> node.descriptor().type())
                    .containsExactlyInAnyOrder("send-email", "database-query");
        });
    }

    @Test
    void settingsAreBoundFromProperties() {
        runner.withPropertyValues("nex7.workflow.expression.timeout=250ms", "nex7.workflow.expression.max-result-size=64KB",
                        "nex7.workflow.expression.env-allow-list=NEX7_REGION,NEX7_STAGE",
                        "nex7.workflow.code.timeout=3s", "nex7.workflow.code.memory-limit=128MB")
                .run(context -> {
                    ExpressionSettings expression = context.getBean(ExpressionSettings.class);
                    assertThat(expression.timeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(expression.maxResultSize()).isEqualTo(DataSize.ofKilobytes(64));
                    assertThat(expression.envAllowList()).isEqualTo(List.of("NEX7_REGION", "NEX7_STAGE"));
                    assertThat(context.getBean(CodeSettings.class).memoryLimit()).isEqualTo(DataSize.ofMegabytes(128));
                    assertThat(context.getBean(CodeSettings.class).timeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void invalidSettingsStopTheStart() {
        runner.withPropertyValues("nex7.workflow.code.memory-limit=1MB").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("nex7.workflow.expression.timeout=0s").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("nex7.workflow.expression.max-depth=1").run(context -> assertThat(context).hasFailed());
    }
}
