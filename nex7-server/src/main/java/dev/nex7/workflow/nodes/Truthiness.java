package dev.nex7.workflow.nodes;

import java.util.Collection;
import java.util.Map;

/** JSONata's rules for turning any JSON value into a boolean, so that conditions read the same everywhere. */
final class Truthiness {

    private Truthiness() {
    }

    static boolean of(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean bool -> bool;
            case String text -> !text.isEmpty() && !text.equalsIgnoreCase("false");
            case Number number -> number.doubleValue() != 0;
            case Collection<?> items -> items.stream().anyMatch(Truthiness::of);
            case Map<?, ?> map -> !map.isEmpty();
            default -> true;
        };
    }
}
