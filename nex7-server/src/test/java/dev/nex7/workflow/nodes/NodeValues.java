package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.nex7.plugin.node.NodeFailure;

/** Small helpers for node tests: parameters as key/value pairs, JSON-like maps, the failure a run ends in. */
final class NodeValues {

    private NodeValues() {
    }

    /** A parameters map from alternating keys and values, in order. */
    static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> property(Map<?, ?> map, String name) {
        return (Map<String, Object>) map.get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("rows");
    }

    /** The NodeFailure that {@code run} throws; fails the test when it throws none. */
    static NodeFailure failureOf(ThrowingCallable run) {
        NodeFailure failure = catchThrowableOfType(NodeFailure.class, run);
        assertThat(failure).as("expected the node to fail").isNotNull();
        return failure;
    }
}
