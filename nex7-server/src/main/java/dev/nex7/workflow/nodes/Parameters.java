package dev.nex7.workflow.nodes;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.nex7.plugin.node.NodeFailure;

/**
 * A node's parameters, read leniently: expressions may turn numbers into text and back. Every
 * problem is a permanent {@code invalid-parameter} failure naming the parameter, never its value.
 */
record Parameters(Map<String, Object> values) {

    Object raw(String name) {
        return values.get(name);
    }

    String text(String name) throws NodeFailure {
        return optionalText(name).orElseThrow(() -> invalid(name, "is required"));
    }

    Optional<String> optionalText(String name) {
        Object value = values.get(name);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty()
                : Optional.of(String.valueOf(value));
    }

    String choice(String name, List<String> allowed, String fallback) throws NodeFailure {
        String value = optionalText(name).orElse(fallback);
        String normalised = name.equals("method") ? value.toUpperCase(Locale.ROOT) : value;
        if (!allowed.contains(normalised)) {
            throw invalid(name, "must be one of " + String.join(", ", allowed));
        }
        return normalised;
    }

    boolean bool(String name, boolean fallback) throws NodeFailure {
        Object value = values.get(name);
        return switch (value) {
            case null -> fallback;
            case Boolean flag -> flag;
            case String text when text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ->
                    Boolean.parseBoolean(text);
            default -> throw invalid(name, "must be true or false");
        };
    }

    long integer(String name, long fallback, long min, long max) throws NodeFailure {
        Object value = values.get(name);
        long number;
        try {
            number = switch (value) {
                case null -> fallback;
                case Number n when n.doubleValue() == Math.rint(n.doubleValue()) -> n.longValue();
                case String text -> Long.parseLong(text.strip());
                default -> throw invalid(name, "must be a whole number");
            };
        } catch (NumberFormatException notANumber) {
            throw invalid(name, "must be a whole number");
        }
        if (number < min || number > max) {
            throw invalid(name, "must be between " + min + " and " + max);
        }
        return number;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String name) throws NodeFailure {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
            throw invalid(name, "must be an object");
        }
        return (Map<String, Object>) map;
    }

    static List<String> texts(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> item == null ? "" : String.valueOf(item)).toList();
        }
        return List.of(value == null ? "" : String.valueOf(value));
    }

    /** A list parameter; absent is empty. */
    List<Object> list(String name) throws NodeFailure {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "must be a list");
        }
        return Collections.unmodifiableList(list);
    }

    /** The permanent failure for a parameter that is missing or wrong. */
    static NodeFailure invalid(String name, String problem) {
        return NodeFailure.permanent("invalid-parameter", "Parameter " + name + " " + problem);
    }
}
