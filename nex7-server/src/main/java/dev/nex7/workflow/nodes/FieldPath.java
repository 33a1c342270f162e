package dev.nex7.workflow.nodes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.nex7.plugin.node.NodeFailure;

/** Reads a dot path ({@code order.items}, {@code rows.0.id}) out of plain JSON values. */
final class FieldPath {

    private FieldPath() {
    }

    /** The list at {@code path} (a blank path: the value itself), or a {@code not-a-list} failure naming it. */
    static List<?> list(Object value, String path) throws NodeFailure {
        Object found = read(value, path).orElse(null);
        if (found instanceof List<?> list) {
            return list;
        }
        throw NodeFailure.permanent("not-a-list", (path == null || path.isBlank() ? "The input" : "Field '" + path + "'")
                + " is not a list" + (found == null ? " (it is missing)" : "") + ".");
    }

    /** The value at {@code path}, empty when any step is missing; a blank path is the value itself. */
    static Optional<Object> read(Object value, String path) {
        if (path == null || path.isBlank()) {
            return Optional.ofNullable(value);
        }
        Object current = value;
        for (String name : path.strip().split("\\.")) {
            if (current instanceof Map<?, ?> map && map.containsKey(name)) {
                current = map.get(name);
            } else if (current instanceof List<?> list && name.chars().allMatch(Character::isDigit) && !name.isEmpty()
                    && name.length() < 10 && Integer.parseInt(name) < list.size()) {
                current = list.get(Integer.parseInt(name));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }
}
