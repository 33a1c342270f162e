package dev.nex7.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class JsonSizeTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private long size(Object value, long limit) {
        return JsonSize.upTo(value, limit, other -> json.writeValueAsString(other).length());
    }

    @Test
    void countsWhatJacksonWritesForEveryPlainJsonShape() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("text", "plain");
        nested.put("quoted \"key\"", "back\\slash, \"quotes\", line\nbreak, tab\t, bell\u0007, ünïcødé ✓ 🚀");
        nested.put("empty", Map.of());
        nested.put("nothing", null);
        nested.put("flags", List.of(true, false));
        nested.put("numbers", Arrays.asList(0, -17, Long.MAX_VALUE, Integer.MIN_VALUE, 3.25, 1.0E20, new BigDecimal("12.500"), null));
        nested.put("list", List.of(List.of(), List.of(Map.of("a", 1)), "x"));
        List<Object> values = new ArrayList<>(List.of(nested, "", 42, List.of()));

        for (Object value : values) {
            assertThat(size(value, Long.MAX_VALUE)).as(json.writeValueAsString(value)).isEqualTo(json.writeValueAsString(value).length());
        }
    }

    @Test
    void givesUpOnceTheLimitIsPassedWithoutLookingAtTheRest() {
        List<Object> huge = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            huge.add(Map.of("i", i, "text", "x".repeat(100)));
        }
        int[] otherCalls = new int[1];
        long manyItems = JsonSize.upTo(List.of(huge, new Object() { }), 1_000, other -> ++otherCalls[0]);
        long longText = JsonSize.upTo(List.of("x".repeat(1_000_000), new Object() { }), 1_000, other -> ++otherCalls[0]);

        assertThat(manyItems).isGreaterThan(1_000);
        assertThat(longText).isGreaterThan(1_000);
        assertThat(otherCalls[0]).as("values after the limit are never measured").isZero();
    }
}
