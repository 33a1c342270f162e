package dev.nex7.workflow.engine;

import java.util.Collection;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * How many characters a plain JSON value (maps, collections, strings, numbers, booleans, null) takes
 * when written compactly, counted without writing it and given up as soon as it passes a limit: the
 * engine checks every node's output against the output cap, and most outputs are far below it.
 */
final class JsonSize {

    private JsonSize() {
    }

    /**
     * The compact JSON length of {@code value}, or some number above {@code limit} once it is known to
     * be over. Values of other types are measured with {@code other} (their JSON length).
     */
    static long upTo(Object value, long limit, ToLongFunction<Object> other) {
        return new Counter(limit, other).count(value);
    }

    private static final class Counter {
        private final long limit;
        private final ToLongFunction<Object> other;
        private long total;

        Counter(long limit, ToLongFunction<Object> other) {
            this.limit = limit;
            this.other = other;
        }

        long count(Object value) {
            add(value);
            return total;
        }

        private boolean over() {
            return total > limit;
        }

        private void add(Object value) {
            if (over()) {
                return;
            }
            switch (value) {
                case null -> total += 4;
                case String text -> addString(text);
                case Boolean flag -> total += flag ? 4 : 5;
                case Integer number -> total += Integer.toString(number).length();
                case Long number -> total += Long.toString(number).length();
                case Map<?, ?> map -> {
                    total += 2 + Math.max(0, map.size() - 1); // braces and commas
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        addString(String.valueOf(entry.getKey()));
                        total += 1; // colon
                        add(entry.getValue());
                        if (over()) {
                            return;
                        }
                    }
                }
                case Collection<?> items -> {
                    total += 2 + Math.max(0, items.size() - 1);
                    for (Object item : items) {
                        add(item);
                        if (over()) {
                            return;
                        }
                    }
                }
                default -> total += other.applyAsLong(value);
            }
        }

        private void addString(String text) {
            total += 2 + text.length();
            for (int i = 0; i < text.length() && !over(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    total += 1;
                } else if (c < 0x20) {
                    // \n, \t, ... take two characters; other control characters as a six-character escape
                    total += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 1 : 5;
                }
            }
        }
    }
}
