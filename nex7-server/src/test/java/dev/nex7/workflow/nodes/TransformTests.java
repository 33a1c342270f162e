package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;
import dev.nex7.workflow.expression.ExpressionSettings;
import dev.nex7.workflow.expression.Expressions;

class TransformTests {

    private final Transform node = new Transform(new Expressions(ExpressionSettings.defaults()));

    @Test
    void theExpressionsValueOverTheInputIsTheOutput() throws Exception {
        RecordingContext context = new RecordingContext(
                Map.of("orders", List.of(Map.of("price", 2L, "qty", 3L), Map.of("price", 5L, "qty", 1L))),
                Map.of("expression", "{ 'total': $sum(orders.(price * qty)), 'execution': $execution.id, 'node': $execution.nodeId }"));

        assertThat(node.execute(context)).isEqualTo(NodeOutcome.emit(Map.of("total", 11L, "execution", "exec-1", "node", "node-1")));
    }

    @Test
    void dataInTheInputIsNotEvaluated() throws Exception {
        RecordingContext context = new RecordingContext(Map.of("note", "{{ $env }}"), Map.of("expression", "$input.note"));

        assertThat(node.execute(context)).isEqualTo(NodeOutcome.emit("{{ $env }}"));
    }

    @Test
    void expressionFailuresArePermanentAndSayWhatKind() {
        assertThatThrownBy(() -> node.execute(new RecordingContext(Map.of(), Map.of("expression", "$input.("))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo("expression-syntax");
                    assertThat(failure.retryable()).isFalse();
                });
        assertThatThrownBy(() -> node.execute(new RecordingContext(Map.of(), Map.of("expression", "$eval('1')"))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> assertThat(failure.code()).isEqualTo("expression-forbidden"));
        assertThatThrownBy(() -> node.execute(new RecordingContext(Map.of(),
                Map.of("expression", "($f := function($x) { $f($x) }; $f(1))"))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> assertThat(failure.code()).isEqualTo("expression-timeout"));
    }

    @Test
    void theExpressionParameterIsLiteralJsonataForTheEditor() {
        Map<?, ?> expression = (Map<?, ?>) ((Map<?, ?>) node.descriptor().parameterSchema().get("properties")).get("expression");

        assertThat(expression.get("x-expression")).isEqualTo(false);
        assertThat(expression.get("x-editor")).isEqualTo("jsonata");
        assertThat(node.descriptor().type()).isEqualTo("transform");
        assertThat(node.descriptor().icon()).isEqualTo("shuffle");
    }
}
