package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;

class SetFieldsTests {

    private final SetFields node = new SetFields();

    private static Map<String, Object> field(String name, Object value) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("value", value);
        return field;
    }

    private static Map<String, Object> input() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", "Ada");
        customer.put("address", Map.of("city", "London"));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", 7L);
        input.put("customer", customer);
        return input;
    }

    @Test
    void mergeSetsFieldsAndDotPathsOnACopyOfTheInput() throws Exception {
        Map<String, Object> input = input();
        RecordingContext context = new RecordingContext(input, Map.of("mode", "merge", "fields", List.of(
                field("status", "active"),
                field("customer.address.zip", "NW1"),
                field("meta.source.kind", "webhook"),
                field("id", 8L))));

        NodeOutcome outcome = node.execute(context);

        assertThat(outcome).isEqualTo(NodeOutcome.emit(Map.of(
                "id", 8L,
                "customer", Map.of("name", "Ada", "address", Map.of("city", "London", "zip", "NW1")),
                "status", "active",
                "meta", Map.of("source", Map.of("kind", "webhook")))));
        assertThat(input).isEqualTo(input());
    }

    @Test
    void replaceOutputsOnlyTheFieldsAndModeDefaultsToMerge() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("user", Map.of("id", 7L));
        expected.put("flag", null);

        assertThat(node.execute(new RecordingContext(input(), Map.of("mode", "replace",
                "fields", List.of(field("user.id", 7L), field("flag", null))))))
                .isEqualTo(NodeOutcome.emit(expected));
        assertThat(node.execute(new RecordingContext(Map.of("a", 1L), Map.of("fields", List.of(field("b", 2L))))))
                .isEqualTo(NodeOutcome.emit(Map.of("a", 1L, "b", 2L)));
    }

    @Test
    void aPathThroughAValueThatIsNotAnObjectFailsTheNode() {
        assertThatThrownBy(() -> node.execute(new RecordingContext(input(),
                Map.of("fields", List.of(field("customer.name.first", "A"))))))
                .isInstanceOfSatisfying(NodeFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("customer.name");
                });
        assertThatThrownBy(() -> node.execute(new RecordingContext(input(), Map.of("fields", List.of(field("a..b", 1L))))))
                .isInstanceOf(NodeFailure.class);
    }

    @Test
    void aNonObjectInputIsReplacedByAnObjectWithAWarning() throws Exception {
        RecordingContext context = new RecordingContext(List.of(1L, 2L), Map.of("fields", List.of(field("x", 1L))));

        assertThat(node.execute(context)).isEqualTo(NodeOutcome.emit(Map.of("x", 1L)));
        assertThat(context.warnings).hasSize(1);
    }
}
