package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.plugin.node.NodeFailure;
import dev.nex7.plugin.node.NodeOutcome;

class SplitAndAggregateTests {

    private static final Map<String, Object> ORDER = Map.of("order", 7, "lines", List.of(Map.of("sku", "a", "qty", 1),
            Map.of("sku", "b", "qty", 2)));

    @Test
    void splitOutEmitsTheListAtAPath() throws Exception {
        NodeOutcome outcome = new SplitOut().execute(new RecordingContext(Map.of("data", ORDER), Map.of("field", "data.lines")));

        assertThat(outcome).isEqualTo(NodeOutcome.emit(ORDER.get("lines")));
    }

    @Test
    void splitOutCanCopyTheOtherFieldsIntoEachElement() throws Exception {
        NodeOutcome objects = new SplitOut().execute(new RecordingContext(ORDER, Map.of("field", "lines", "include", "other-fields")));
        NodeOutcome scalars = new SplitOut().execute(new RecordingContext(Map.of("order", 7, "tags", List.of("x", "y")),
                Map.of("field", "tags", "include", "other-fields", "destinationField", "tag")));

        assertThat(objects).isEqualTo(NodeOutcome.emit(List.of(Map.of("order", 7, "sku", "a", "qty", 1),
                Map.of("order", 7, "sku", "b", "qty", 2))));
        assertThat(scalars).isEqualTo(NodeOutcome.emit(List.of(Map.of("order", 7, "tag", "x"), Map.of("order", 7, "tag", "y"))));
    }

    @Test
    void splitOutRefusesWhatIsNotAList() {
        assertThatThrownBy(() -> new SplitOut().execute(new RecordingContext(ORDER, Map.of("field", "order"))))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("'order' is not a list");
        assertThatThrownBy(() -> new SplitOut().execute(new RecordingContext(ORDER, Map.of("field", "nope"))))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("missing");
    }

    @Test
    void aggregateCollectsFieldValuesSkippingMissingOnesByDefault() throws Exception {
        List<Object> items = List.of(Map.of("sku", "a", "qty", 1), Map.of("sku", "b"), Map.of("sku", "c", "qty", 3));

        NodeOutcome skipping = new Aggregate().execute(new RecordingContext(items, Map.of("fields", List.of("sku", "qty"))));
        NodeOutcome keeping = new Aggregate().execute(new RecordingContext(items, Map.of("fields", List.of("qty"), "skipMissing", false)));

        assertThat(skipping).isEqualTo(NodeOutcome.emit(Map.of("sku", List.of("a", "b", "c"), "qty", List.of(1, 3))));
        assertThat(((NodeOutcome.Emitted) keeping).outputs().get("main")).isEqualTo(Map.of("qty", java.util.Arrays.asList(1, null, 3)));
    }

    @Test
    void aggregateCanWrapAllItemsAndSplitThenAggregateRoundTrips() throws Exception {
        Object split = ((NodeOutcome.Emitted) new SplitOut().execute(new RecordingContext(ORDER, Map.of("field", "lines")))).outputs().get("main");

        NodeOutcome all = new Aggregate().execute(new RecordingContext(split, Map.of("mode", "all", "destinationField", "lines")));

        assertThat(all).isEqualTo(NodeOutcome.emit(Map.of("lines", ORDER.get("lines"))));
        assertThatThrownBy(() -> new Aggregate().execute(new RecordingContext(split, Map.of("mode", "fields"))))
                .isInstanceOf(NodeFailure.class);
    }
}
