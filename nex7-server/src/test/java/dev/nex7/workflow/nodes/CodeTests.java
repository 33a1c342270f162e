package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.workflow.code.CodeSettings;
import dev.nex7.workflow.code.JavaScriptSandbox;

class CodeTests {

    private final Code node = new Code(new JavaScriptSandbox(
            new CodeSettings(Duration.ofMillis(500), DataSize.ofMegabytes(16), DataSize.ofMegabytes(1), 10, 2)));

    @Test
    void theReturnedValueIsTheOutputOnMainAndConsoleLinesGoToTheNodeLog() throws Exception {
        RecordingContext context = new RecordingContext(Map.of("items", List.of(2L, 3L)), Map.of("code", """
                console.log('summing', input.items.length, 'items');
                return { sum: input.items[0] + input.items[1], execution };
                """));

        NodeOutcome outcome = node.execute(context);

        assertThat(outcome).isEqualTo(NodeOutcome.emit(Map.of("sum", 5L,
                "execution", Map.of("id", "exec-1", "workflowId", "wf-1", "nodeId", "node-1"))));
        assertThat(context.info).containsExactly("summing 2 items");
    }

    @Test
    void scriptErrorsAndLimitBreachesArePermanentFailuresWithTheSandboxCodes() {
        assertThatThrownBy(() -> node.execute(new RecordingContext(null, Map.of("code", "console.log('x');\nnull.f()"))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("script-error");
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("line 2");
                });
        assertThatThrownBy(() -> node.execute(new RecordingContext(null, Map.of("code", "while (true) {}"))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> assertThat(failure.code()).isEqualTo("timeout"));
        // A generous time limit here, so that on a busy machine the memory limit is what stops the script.
        Code patient = new Code(new JavaScriptSandbox(
                new CodeSettings(Duration.ofSeconds(30), DataSize.ofMegabytes(16), DataSize.ofMegabytes(1), 10, 2)));
        assertThatThrownBy(() -> patient.execute(new RecordingContext(null,
                Map.of("code", "const a = []; while (true) a.push('x'.repeat(1e5) + a.length)"))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> assertThat(failure.code()).isEqualTo("memory"));
    }

    @Test
    void linesLoggedBeforeAFailureStillReachTheNodeLog() {
        RecordingContext context = new RecordingContext(null, Map.of("code", "console.log('got here'); throw new Error('then broke')"));

        assertThatThrownBy(() -> node.execute(context)).isInstanceOf(NodeFailure.class).hasMessageContaining("then broke");
        assertThat(context.info).containsExactly("got here");
    }

    @Test
    void theCodeParameterIsLiteralJavaScriptForTheEditor() {
        Map<?, ?> code = (Map<?, ?>) ((Map<?, ?>) node.descriptor().parameterSchema().get("properties")).get("code");

        assertThat(code.get("x-expression")).isEqualTo(false);
        assertThat(code.get("x-editor")).isEqualTo("javascript");
        assertThat(node.descriptor().type()).isEqualTo("code");
        assertThat(node.descriptor().category()).isEqualTo("code");
    }
}
